import type { Caller } from '../../shared/auth/caller.js';
import type { Product } from '../../shared/catalog/product.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';
import type { ForwardDecay } from '../../shared/decay.js';
import type { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { PlacementSignals } from '../../shared/reactions/signals.js';
import { createLoaders, type RecommendationLoaders } from './loaders.js';
import type { PairStore } from './store/port.js';

export interface RecommendationServices {
  products: ProductStore;
  /** The stored catalog, held in memory to rank candidates. */
  catalog: readonly Product[];
  /** "Viewed together" and "bought together" pairs learned from the event stream. */
  pairs: PairStore;
  pairDecay: ForwardDecay;
  /** What visitors' reactions to each placement's lists taught, and what is trending. */
  signals: PlacementSignals;
  merchandiser: Merchandiser;
  now: () => Date;
}

export interface RecommendationContext {
  caller: Caller;
  services: RecommendationServices;
  loaders: RecommendationLoaders;
}

export function createContext(services: RecommendationServices, caller: Caller): RecommendationContext {
  return { caller, services, loaders: createLoaders(services) };
}
