import { randomBeta } from 'd3-random';
import type { ProductReactions } from './reactions.js';

/**
 * How many impressions the placement's click-through counts as before a product has any of its
 * own: a product needs about this many impressions before its own clicks outweigh the placement's.
 */
export const priorStrength = 20;

/** The lift never buries a product nor lets it outrun relevance altogether. */
const liftRange = { min: 0.2, max: 3 };

/** Below this many (decayed) impressions a product is new at the placement. */
const newBelowShown = 3;

/** How far the posterior mean must lie from the placement's rate to be worth saying. */
const notableRatio = 1.5;

/** How many posterior standard deviations the placement's rate must lie away: about 95 % sure. */
const credibleDeviations = 2;

export const reactionReasons = {
  oftenClicked: 'Often clicked here',
  rarelyClicked: 'Shown often, rarely clicked',
  new: 'New here: getting a chance',
} as const;

export type ReactionReason = (typeof reactionReasons)[keyof typeof reactionReasons];

export interface ClickThroughLift {
  /** What to multiply the product's score by: above 1 when visitors click it more than most here. */
  lift: number;
  /** Why, for the visitor, or null when the product's reactions say nothing notable yet. */
  reason: ReactionReason | null;
}

/**
 * Thompson sampling of a product's click-through at a placement. The product's click-through θ
 * has the posterior Beta(α, β) with a prior of `priorStrength` impressions at the placement's
 * rate, α = priorStrength·rate + clicked and β = priorStrength·(1 − rate) + (shown − clicked);
 * one θ is drawn per ranking, and the lift is θ against the placement's rate. A product with few
 * impressions draws from a wide posterior and now and then lands high: that is how a new product
 * gets shown and learned about, while one shown often and rarely clicked draws low nearly always.
 *
 * @param reactions the product's decayed impressions and clicks at the placement
 * @param placementRate the placement's overall click-through, strictly between 0 and 1
 * @param random uniform in [0, 1): `Math.random`, or `seededRandom(seed)` to repeat a ranking
 */
export function clickThroughLift(
  reactions: ProductReactions,
  placementRate: number,
  random: () => number,
): ClickThroughLift {
  if (!(placementRate > 0 && placementRate < 1)) {
    throw new RangeError(`placementRate must lie strictly between 0 and 1, got ${placementRate}`);
  }
  const { shown, clicked } = reactions;
  if (!(shown >= 0 && clicked >= 0 && Number.isFinite(shown) && Number.isFinite(clicked))) {
    throw new RangeError(`shown and clicked must be finite numbers ≥ 0, got ${shown} and ${clicked}`);
  }
  const alpha = priorStrength * placementRate + clicked;
  // Clicks on a list whose impression was not tracked can outnumber impressions: no failures then.
  const beta = priorStrength * (1 - placementRate) + Math.max(0, shown - clicked);
  const theta = randomBeta.source(random)(alpha, beta)();
  // The square root softens the lift: twice the click-through should not outrank far better relevance.
  const lift = Math.min(liftRange.max, Math.max(liftRange.min, Math.sqrt(theta / placementRate)));
  return { lift, reason: reasonOf(shown, alpha, beta, placementRate) };
}

/** From the posterior, not the draw, so that a product keeps its reason from one ranking to the next. */
function reasonOf(shown: number, alpha: number, beta: number, placementRate: number): ReactionReason | null {
  if (shown < newBelowShown) return reactionReasons.new;
  const total = alpha + beta;
  const mean = alpha / total;
  const deviation = Math.sqrt((alpha * beta) / (total * total * (total + 1)));
  if (mean >= placementRate * notableRatio && mean - credibleDeviations * deviation > placementRate) {
    return reactionReasons.oftenClicked;
  }
  if (mean <= placementRate / notableRatio && mean + credibleDeviations * deviation < placementRate) {
    return reactionReasons.rarelyClicked;
  }
  return null;
}
