import DataLoader from 'dataloader';
import type { Product } from '../../shared/catalog/product.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';

export interface SearchLoaders {
  product: DataLoader<string, Product | null>;
}

/** One set per request: the gateway's `_entities` call for 100 products is one store read. */
export function createLoaders(products: ProductStore): SearchLoaders {
  return { product: new DataLoader((ids) => products.findByIds(ids)) };
}
