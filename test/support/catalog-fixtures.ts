import type { Product } from '../../shared/catalog/product.js';
import type { Affinity, Taste } from '../../shared/catalog/taste.js';

/** A variant as `[size, colour, stock]`. */
export type VariantSpec = [size: string, color: string, stock: number];

/**
 * A product with the id `id` and the given variants, each with the sku `<id>-<colour>-<size>`; its
 * colours follow from the variants. Any other field not in `fields` gets a plain default: a
 * 40 EUR pair of Laufwerk running tights (category Laufhosen), titled with its id.
 */
export function product(
  id: string,
  fields: Partial<Omit<Product, 'id' | 'variants' | 'colors'>> & { variants: VariantSpec[] },
): Product {
  const { variants: specs, ...rest } = fields;
  const variants = specs.map(([size, color, stock]) => ({
    sku: `${id}-${color}-${size}`,
    size,
    color,
    stock,
  }));
  const category = rest.category ?? 'Laufhosen';
  return {
    id,
    title: id,
    description: '',
    brand: 'Laufwerk',
    category,
    categoryPath: ['Bekleidung', category],
    gender: null,
    price: 40,
    regularPrice: 40,
    currency: 'EUR',
    ownBrand: false,
    url: null,
    imageUrl: null,
    colors: [...new Set(variants.map((variant) => variant.color))],
    variants,
    labels: [],
    ...rest,
  };
}

/** Affinities for `values`, best first: the first scores `values.length`, each next one 1 less. */
export function affinities(...values: string[]): Affinity[] {
  return values.map((value, index) => ({ value, score: values.length - index }));
}

/** A taste with the given values per dimension, best first (see `affinities`); no values elsewhere. */
export function taste(dimensions: Partial<Record<keyof Taste, string[]>>): Taste {
  return {
    sizes: affinities(...(dimensions.sizes ?? [])),
    colors: affinities(...(dimensions.colors ?? [])),
    brands: affinities(...(dimensions.brands ?? [])),
    categories: affinities(...(dimensions.categories ?? [])),
  };
}
