import { writeChunkSize } from '../../../shared/mongo/bulk-write.js';
import { noStoredPairs, type PairIncrement, pairKinds, type StoredPairs } from '../learning/pairs.js';
import { type PairStore, summedByAnchor } from './port.js';

export class MemoryPairStore implements PairStore {
  private readonly pairs = new Map<string, StoredPairs>();
  /** Calls that the MongoDB store answers with one round trip each. */
  roundTrips = 0;

  async findPairs(productIds: readonly string[]): Promise<StoredPairs[]> {
    this.roundTrips += 1;
    return productIds.map((id) => {
      const stored = this.pairs.get(id);
      return stored === undefined
        ? noStoredPairs()
        : { viewed: { ...stored.viewed }, bought: { ...stored.bought } };
    });
  }

  async addPairs(increments: readonly PairIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    const byAnchor = summedByAnchor(increments);
    // As MongoDB is written: one round trip per chunk of anchors.
    this.roundTrips += Math.ceil(byAnchor.size / writeChunkSize);
    for (const [anchorId, added] of byAnchor) {
      const stored = this.pairs.get(anchorId) ?? noStoredPairs();
      for (const kind of pairKinds) {
        for (const [partnerId, amount] of Object.entries(added[kind])) {
          stored[kind][partnerId] = (stored[kind][partnerId] ?? 0) + amount;
        }
      }
      this.pairs.set(anchorId, stored);
    }
  }

  async close(): Promise<void> {}
}
