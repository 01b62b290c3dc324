import { createHash } from 'node:crypto';
import type { Placement } from '../touchpoints.js';
import type { ReactionBoard } from './board.js';
import { type LiftOf, placementLift } from './placement-lift.js';
import { seededRandom } from './random.js';

/**
 * A seed from what identifies one ranking (visitor, query, filters): the same list asked for
 * twice draws the same samples, so its pages fit together, until new reactions change the
 * posteriors. Another visitor or query draws anew, which is the exploration.
 */
export function rankingSeed(...parts: readonly (string | null | undefined)[]): number {
  return createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u0000'))
    .digest()
    .readUInt32BE(0);
}

/** What is trending while learning is off: nothing. */
const noTrend = () => 0;

/**
 * The learned signals one ranking reads: Thompson-sampled click-through lift at its placement,
 * and what is trending. Without a board (learning switched off) neither changes a ranking.
 */
export class PlacementSignals {
  constructor(
    private readonly board: ReactionBoard | null,
    private readonly now: () => Date,
  ) {}

  /** Null while learning is off or nothing is learned at the placement yet. */
  liftAt(placement: Placement, seed: number): LiftOf | null {
    return this.board === null ? null : placementLift(this.board, placement, this.now(), seededRandom(seed));
  }

  /** 0..1: each product's interest lately against the most wanted product's (see `popularityReading`). */
  popularity(): (productId: string) => number {
    return this.board === null ? noTrend : this.board.popularityReading();
  }
}
