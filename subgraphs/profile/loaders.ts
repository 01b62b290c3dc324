import DataLoader from 'dataloader';
import type { Product } from '../../shared/catalog/product.js';
import type { ProfileStore, VisitorRecord } from './store/port.js';

export interface ProfileLoaders {
  visitor: DataLoader<string, VisitorRecord | null>;
  product: DataLoader<string, Product | null>;
}

/** One set per request: reads of many visitors or products in one tick become one round trip. */
export function createLoaders(store: ProfileStore): ProfileLoaders {
  return {
    visitor: new DataLoader((ids) => store.findVisitors(ids)),
    product: new DataLoader((ids) => store.products.findByIds(ids)),
  };
}
