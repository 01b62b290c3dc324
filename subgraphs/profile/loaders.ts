import DataLoader from 'dataloader';
import type { ProfileStore, VisitorRecord } from './store/port.js';

export interface ProfileLoaders {
  visitor: DataLoader<string, VisitorRecord | null>;
}

/** One set per request: reads of many visitors in one tick become one round trip. */
export function createLoaders(store: ProfileStore): ProfileLoaders {
  return {
    visitor: new DataLoader((ids) => store.findVisitors(ids)),
  };
}
