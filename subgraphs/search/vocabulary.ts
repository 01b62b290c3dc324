import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { badUserInput } from '../../shared/graphql/errors.js';
import type { SearchFilters } from './search-input.js';

type FilterField = 'sizes' | 'colors' | 'brands' | 'categories';
const filterFields: readonly FilterField[] = ['sizes', 'colors', 'brands', 'categories'];

/**
 * The filter values the catalog has. A value it lacks is a caller's mistake (a typo, a facet
 * value from another shop), not a wish for zero results: it is refused, and the error names it.
 */
export class FilterVocabulary {
  private readonly known: Record<FilterField, Set<string>> = {
    sizes: new Set(),
    colors: new Set(),
    brands: new Set(),
    categories: new Set(),
  };

  constructor(products: readonly Product[]) {
    for (const product of products) {
      this.known.brands.add(normalizeAttribute(product.brand));
      this.known.categories.add(normalizeAttribute(product.category));
      for (const variant of product.variants) {
        this.known.sizes.add(normalizeAttribute(variant.size));
        this.known.colors.add(normalizeAttribute(variant.color));
      }
    }
  }

  check(filters: SearchFilters): void {
    for (const field of filterFields) {
      const unknown = [...filters[field]].filter((value) => !this.known[field].has(value));
      if (unknown.length > 0) {
        const values = unknown.map((value) => `"${value.slice(0, 64)}"`).join(', ');
        throw badUserInput(
          `input.filters.${field}: the catalog has no ${values}; the facets list the values there are`,
          `input.filters.${field}`,
        );
      }
    }
  }
}
