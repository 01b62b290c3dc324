import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { priceBands } from './price-bands.js';
import type { FilterTest, ProductTable } from './product-table.js';
import { ProductSet } from './product-set.js';

export type FacetField = 'size' | 'color' | 'brand' | 'category' | 'price';
export const facetFields: readonly FacetField[] = ['size', 'color', 'brand', 'category', 'price'];

export interface Facet {
  field: FacetField;
  values: { value: string; count: number }[];
}

const sizeOrder = ['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', '3xl', 'xxxl'];

export function sortFacetValues(
  field: FacetField,
  counts: Map<string, number>,
): { value: string; count: number }[] {
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

/** One facet's counts by value number, the values in the order first counted (ties keep it). */
class Tally {
  private readonly counts: Int32Array;
  private readonly order: number[] = [];

  constructor(values: number) {
    this.counts = new Int32Array(values);
  }

  add(value: number): void {
    if (this.counts[value] === 0) this.order.push(value);
    this.counts[value] = (this.counts[value] as number) + 1;
  }

  facet(field: FacetField, names: readonly string[]): Facet {
    const counts = new Map(this.order.map((value) => [names[value] as string, this.counts[value] as number]));
    return { field, values: sortFacetValues(field, counts) };
  }
}

/**
 * A size or colour facet: for each value as the feed spells it, the products of `counted` in
 * stock in it (and, with a filter on the other of the two, in a wanted value of that). Values in
 * the order a product-by-product count first counts them: by the first such product, then by
 * that product's variants.
 */
function variantFacet(
  table: ProductTable,
  field: 'size' | 'color',
  counted: ProductSet,
  test: FilterTest,
): Facet {
  const [names, other, otherField, otherValues] =
    field === 'size'
      ? ([table.feedSizes.values, test.colors, 'color', table.colors] as const)
      : ([table.feedColors.values, test.sizes, 'size', table.sizes] as const);
  const otherNumbers = other === null ? null : table.feedNumbers(otherField, other);
  const found: { value: number; count: number; first: number }[] = [];
  names.forEach((_, value) => {
    const inValue =
      field === 'size'
        ? table.inSizesAndColors([value], otherNumbers)
        : table.inSizesAndColors(otherNumbers, [value]);
    const count = counted.countIn(inValue);
    if (count > 0) found.push({ value, count, first: counted.firstIn(inValue) });
  });
  // Where in its product's variants a value first comes, among those in stock in a wanted other value.
  const placeIn = (product: number, value: number) =>
    (table.products[product] as Product).variants.findIndex(
      (variant) =>
        variant.stock > 0 &&
        variant[field] === names[value] &&
        (other === null || other[otherValues.find(normalizeAttribute(variant[otherField])) as number] === 1),
    );
  found.sort((a, b) => a.first - b.first || placeIn(a.first, a.value) - placeIn(b.first, b.value));
  const counts = new Map(found.map(({ value, count }) => [names[value] as string, count]));
  return { field, values: sortFacetValues(field, counts) };
}

/**
 * Disjunctive facet counts over the products that match the query: a field's counts apply every
 * filter but the field's own. Sizes and colours count each product once per value, from its
 * variants in stock that pass the other of the two filters.
 */
export function countFacets(table: ProductTable, candidates: Int32Array, test: FilterTest): Facet[] {
  const brands = new Tally(table.feedBrands.values.length);
  const categories = new Tally(table.feedCategories.values.length);
  const prices = new Tally(priceBands.length);
  // The candidates passing brand, category and price: what sizes and colours count.
  const counted = new ProductSet(table.size);
  // Index loops: `for…of` over a typed array costs several times as much here.
  for (let at = 0; at < candidates.length; at += 1) {
    const index = candidates[at] as number;
    const brandPasses = table.brandPasses(index, test);
    const categoryPasses = table.categoryPasses(index, test);
    const pricePasses = table.pricePasses(index, test);
    if (brandPasses && categoryPasses && pricePasses) counted.add(index);
    if (!table.variantsPass(index, test)) continue;
    if (categoryPasses && pricePasses) brands.add(table.feedBrand[index] as number);
    if (brandPasses && pricePasses) categories.add(table.feedCategory[index] as number);
    if (brandPasses && categoryPasses) prices.add(table.priceBand[index] as number);
  }
  return [
    variantFacet(table, 'size', counted, test),
    variantFacet(table, 'color', counted, test),
    brands.facet('brand', table.feedBrands.values),
    categories.facet('category', table.feedCategories.values),
    prices.facet(
      'price',
      priceBands.map((band) => band.label),
    ),
  ];
}
