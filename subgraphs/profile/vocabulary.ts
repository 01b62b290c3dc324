import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';

export type Dimension = 'size' | 'color' | 'brand' | 'category';

/**
 * The attribute values the catalog knows, by dimension, each with the catalog's spelling. Filter
 * values from events are checked against it, so a typo never becomes a preference.
 */
export class Vocabulary {
  private readonly canonical: Record<Dimension, Map<string, string>> = {
    size: new Map(),
    color: new Map(),
    brand: new Map(),
    category: new Map(),
  };

  constructor(products: readonly Product[]) {
    for (const product of products) {
      this.add('brand', product.brand);
      this.add('category', product.category);
      for (const variant of product.variants) {
        this.add('size', variant.size);
        this.add('color', variant.color);
      }
    }
  }

  private add(dimension: Dimension, value: string): void {
    const key = normalizeAttribute(value);
    if (!this.canonical[dimension].has(key)) this.canonical[dimension].set(key, value);
  }

  /** The catalog's spelling of `value`, or undefined when the catalog has no such value. */
  lookup(dimension: Dimension, value: string): string | undefined {
    return this.canonical[dimension].get(normalizeAttribute(value));
  }
}
