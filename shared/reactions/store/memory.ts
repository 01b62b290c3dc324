import { writeChunkSize } from '../../mongo/bulk-write.js';
import { placements } from '../../touchpoints.js';
import type { ReactionIncrement, StoredReaction } from '../reactions.js';
import { type ReactionStore, summedByProduct } from './port.js';

/** A copy, so that a reader changing what it got cannot change the store. */
function copyOf(reaction: StoredReaction): StoredReaction {
  const copied: StoredReaction = { ...reaction, placements: {}, updatedAt: new Date(reaction.updatedAt) };
  for (const placement of placements) {
    const sums = reaction.placements[placement];
    if (sums !== undefined) copied.placements[placement] = { ...sums };
  }
  return copied;
}

export class MemoryReactionStore implements ReactionStore {
  private readonly reactions = new Map<string, StoredReaction>();
  /** Calls that the MongoDB store answers with one round trip each. */
  roundTrips = 0;

  /** @param now the clock that stamps `updatedAt` */
  constructor(private readonly now: () => Date = () => new Date()) {}

  async add(increments: readonly ReactionIncrement[]): Promise<void> {
    const byProduct = summedByProduct(increments);
    if (byProduct.size === 0) return;
    // As MongoDB is written: one round trip per chunk of products.
    this.roundTrips += Math.ceil(byProduct.size / writeChunkSize);
    const updatedAt = this.now();
    for (const [productId, added] of byProduct) {
      const stored = this.reactions.get(productId) ?? { productId, placements: {}, interest: 0, updatedAt };
      for (const placement of placements) {
        const sums = added.placements[placement];
        if (sums === undefined) continue;
        const storedSums = (stored.placements[placement] ??= { shown: 0, clicked: 0 });
        storedSums.shown += sums.shown;
        storedSums.clicked += sums.clicked;
      }
      stored.interest += added.interest;
      stored.updatedAt = updatedAt;
      this.reactions.set(productId, stored);
    }
  }

  async changedSince(since: Date | null): Promise<StoredReaction[]> {
    this.roundTrips += 1;
    return [...this.reactions.values()]
      .filter((reaction) => since === null || reaction.updatedAt >= since)
      .map(copyOf);
  }

  async close(): Promise<void> {}
}
