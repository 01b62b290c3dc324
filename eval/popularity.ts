import { type Catalog, inStockAnywhere } from './catalog.js';

/**
 * The baseline a learned ranking must beat: the products the synthetic population clicked most
 * so far, the same for every visitor.
 */
export class Popularity {
  /** Insertion order is the order of first clicks, which breaks ties. */
  readonly #clicks = new Map<string, number>();

  constructor(private readonly catalog: Catalog) {}

  click(productId: string): void {
    this.#clicks.set(productId, (this.#clicks.get(productId) ?? 0) + 1);
  }

  /** The `count` most clicked products that are in stock in some size. */
  top(count: number): string[] {
    return [...this.#clicks.entries()]
      .filter(([id]) => {
        const product = this.catalog.byId.get(id);
        return product !== undefined && inStockAnywhere(product);
      })
      .sort(([, a], [, b]) => b - a)
      .slice(0, count)
      .map(([id]) => id);
  }
}
