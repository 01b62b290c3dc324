import type { PairIncrement, StoredPairs } from '../learning/pairs.js';

/** The recommendation's own data besides its catalog: pairs learned from the event stream. */
export interface PairStore {
  /** Each product's stored pairs in the order of `productIds`, empty where none: one round trip. */
  findPairs(productIds: readonly string[]): Promise<StoredPairs[]>;
  /** Adds the increments to the stored sums: one write per product, one round trip. */
  addPairs(increments: readonly PairIncrement[]): Promise<void>;
  close(): Promise<void>;
}

/** The increments summed per product: what one write per product adds. */
export function summedByAnchor(increments: readonly PairIncrement[]): Map<string, StoredPairs> {
  const byAnchor = new Map<string, StoredPairs>();
  for (const { anchorId, kind, partnerId, amount } of increments) {
    let pairs = byAnchor.get(anchorId);
    if (pairs === undefined) {
      pairs = { viewed: {}, bought: {} };
      byAnchor.set(anchorId, pairs);
    }
    pairs[kind][partnerId] = (pairs[kind][partnerId] ?? 0) + amount;
  }
  return byAnchor;
}
