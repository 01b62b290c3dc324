import type { Placement } from '../touchpoints.js';

/**
 * Every list a touchpoint shows is communication, and whether the visitor clicks is the reaction.
 * These are the amounts learned from a batch of events, to add to the stored sums.
 */
export interface ReactionIncrement {
  /** The list's placement; null for interest in the product wherever it showed (views, carts, purchases). */
  placement: Placement | null;
  productId: string;
  /** Forward-decayed number of lists at `placement` that showed the product (see decay.ts). */
  shown: number;
  /** Forward-decayed clicks on the product in lists at `placement`. */
  clicked: number;
  /** Forward-decayed interest, each event weighted by how much it says (a purchase more than a view). */
  interest: number;
}

/** A product's impressions and clicks at one placement as read now: decayed counts. */
export interface ProductReactions {
  shown: number;
  clicked: number;
}

/** A product's impressions and clicks at one placement as stored: forward-decayed sums. */
export interface ReactionSums {
  shown: number;
  clicked: number;
}

/** Everything learned about one product, as stored. */
export interface StoredReaction {
  productId: string;
  placements: Partial<Record<Placement, ReactionSums>>;
  /** Forward-decayed sum of the product's interest. */
  interest: number;
  /** When the sums last changed, by the clock of the instance that changed them. */
  updatedAt: Date;
}
