import type { Placement } from '../touchpoints.js';
import type { ReactionBoard } from './board.js';
import { type ClickThroughLift, clickThroughLift } from './thompson.js';

/** A product's click-through lift in the list being ranked. */
export type LiftOf = (productId: string) => ClickThroughLift;

/**
 * Below this many decayed impressions at a placement there is nothing learned there: lifting then
 * would only shuffle the list at random and call every product new.
 */
const minPlacementShown = 1;

/**
 * The lift of each product of one list at `placement`, sampled afresh for every product asked
 * about, or null while nothing is learned at the placement.
 *
 * @param random uniform in [0, 1): `Math.random`, or `seededRandom(seed)` to rank one visitor's
 * pages alike
 */
export function placementLift(
  board: ReactionBoard,
  placement: Placement,
  now: Date,
  random: () => number,
): LiftOf | null {
  if (board.placementShown(placement, now) < minPlacementShown) return null;
  const rate = board.placementRate(placement, now);
  return (productId) => clickThroughLift(board.reactions(placement, productId, now), rate, random);
}
