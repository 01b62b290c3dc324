import type { Env } from '../shared/config/env.js';
import { readFeedConfig } from '../shared/config/service.js';
import { isAvailable, type Product } from '../shared/catalog/product.js';
import { loadFeed } from '../shared/feed/load.js';

/** The shop's products as the evaluated services read them: the truth synthetic visitors shop from. */
export interface Catalog {
  products: readonly Product[];
  byId: ReadonlyMap<string, Product>;
  /** Share of products from the shop's own brands: what a list shows without any rule. */
  ownBrandShare: number;
}

/** Reads the same feed, with the same options, as the services started with `env`. */
export async function loadCatalog(env: Env): Promise<Catalog> {
  const { path, ownBrandLabel } = readFeedConfig(env);
  const { products } = await loadFeed(path, { ownBrandLabel });
  return {
    products,
    byId: new Map(products.map((product) => [product.id, product])),
    ownBrandShare: products.filter((product) => product.ownBrand).length / products.length,
  };
}

/** In stock in any size and colour: the popularity baseline recommends nothing sold out. */
export function inStockAnywhere(product: Product): boolean {
  return isAvailable(product, {});
}
