import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import type { SearchFilters } from './search-input.js';

export type FacetField = 'size' | 'color' | 'brand' | 'category' | 'price';
export const facetFields: readonly FacetField[] = ['size', 'color', 'brand', 'category', 'price'];

export interface Facet {
  field: FacetField;
  values: { value: string; count: number }[];
}

const priceBands = [
  { label: '0-25', below: 25 },
  { label: '25-50', below: 50 },
  { label: '50-100', below: 100 },
  { label: '100-200', below: 200 },
  { label: '200+', below: Number.POSITIVE_INFINITY },
];

export function priceBandOf(price: number): string {
  return (priceBands.find((band) => price < band.below) ?? (priceBands.at(-1) as (typeof priceBands)[number]))
    .label;
}

const sizeOrder = ['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', '3xl', 'xxxl'];

/**
 * Sizes and colours filter variants: with both, one variant must be in that size, in that colour
 * and in stock. `except` leaves one field's filter out, for that field's facet counts.
 */
function variantValues(
  product: Product,
  filters: SearchFilters,
  except?: FacetField,
): { sizes: Set<string>; colors: Set<string> } | null {
  const sizes = except === 'size' ? new Set<string>() : filters.sizes;
  const colors = except === 'color' ? new Set<string>() : filters.colors;
  const result = { sizes: new Set<string>(), colors: new Set<string>() };
  for (const variant of product.variants) {
    if (variant.stock <= 0) continue;
    if (sizes.size > 0 && !sizes.has(normalizeAttribute(variant.size))) continue;
    if (colors.size > 0 && !colors.has(normalizeAttribute(variant.color))) continue;
    result.sizes.add(variant.size);
    result.colors.add(variant.color);
  }
  return result.sizes.size === 0 ? null : result;
}

export function matchesFilters(product: Product, filters: SearchFilters, except?: FacetField): boolean {
  if (except !== 'brand' && filters.brands.size > 0 && !filters.brands.has(normalizeAttribute(product.brand)))
    return false;
  if (
    except !== 'category' &&
    filters.categories.size > 0 &&
    !filters.categories.has(normalizeAttribute(product.category))
  ) {
    return false;
  }
  if (except !== 'price') {
    if (filters.priceMin !== null && product.price < filters.priceMin) return false;
    if (filters.priceMax !== null && product.price > filters.priceMax) return false;
  }
  const constrainsVariants =
    (except !== 'size' && filters.sizes.size > 0) || (except !== 'color' && filters.colors.size > 0);
  return !constrainsVariants || variantValues(product, filters, except) !== null;
}

function sortValues(field: FacetField, counts: Map<string, number>): { value: string; count: number }[] {
  const values = [...counts].map(([value, count]) => ({ value, count }));
  if (field === 'size') {
    const rank = (size: string) => {
      const index = sizeOrder.indexOf(normalizeAttribute(size));
      return index === -1 ? sizeOrder.length : index;
    };
    return values.sort((a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value));
  }
  if (field === 'price')
    return values.sort((a, b) => Number.parseFloat(a.value) - Number.parseFloat(b.value));
  return values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Disjunctive facet counts over the products that match the query. */
export function countFacets(products: readonly Product[], filters: SearchFilters): Facet[] {
  return facetFields.map((field) => {
    const counts = new Map<string, number>();
    const bump = (value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const product of products) {
      if (!matchesFilters(product, filters, field)) continue;
      switch (field) {
        case 'size':
        case 'color': {
          const values = variantValues(product, filters, field);
          for (const value of (field === 'size' ? values?.sizes : values?.colors) ?? []) bump(value);
          break;
        }
        case 'brand':
          bump(product.brand);
          break;
        case 'category':
          bump(product.category);
          break;
        case 'price':
          bump(priceBandOf(product.price));
          break;
        default: {
          const unreachable: never = field;
          throw new Error(`unhandled facet ${String(unreachable)}`);
        }
      }
    }
    return { field, values: sortValues(field, counts) };
  });
}
