import { type Placement, placements } from '../../touchpoints.js';
import type { ReactionIncrement, ReactionSums, StoredReaction } from '../reactions.js';

/**
 * Where a touchpoint keeps what it learned about visitors' reactions, shared by all its
 * instances: each adds what it learns, and reads what the others added.
 */
export interface ReactionStore {
  /**
   * Adds the increments to the stored sums and marks each product written as changed now: one
   * write per product, a round trip per chunk of products. Throws a `TypeError`, before writing
   * anything, for an increment that is not one.
   */
  add(increments: readonly ReactionIncrement[]): Promise<void>;
  /** The products whose sums changed at or after `since`, or every product for null: one round trip. */
  changedSince(since: Date | null): Promise<StoredReaction[]>;
  close(): Promise<void>;
}

/** What one write adds to one product. */
export interface ProductIncrement {
  placements: Partial<Record<Placement, ReactionSums>>;
  interest: number;
}

function checkAmount(increment: ReactionIncrement, index: number, field: 'shown' | 'clicked' | 'interest') {
  const amount = increment[field];
  // One NaN or negative amount would spoil the product's sums for good: nothing subtracts it again.
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new TypeError(`reaction increment ${index}: ${field} must be a finite number ≥ 0, got ${amount}`);
  }
}

function checked(increment: ReactionIncrement, index: number): ReactionIncrement {
  if (typeof increment.productId !== 'string' || increment.productId === '') {
    throw new TypeError(`reaction increment ${index}: productId must be a non-empty string`);
  }
  if (increment.placement !== null && !placements.includes(increment.placement)) {
    throw new TypeError(
      `reaction increment ${index}: placement must be one of ${placements.join(', ')} or null, got ${String(increment.placement)}`,
    );
  }
  checkAmount(increment, index, 'shown');
  checkAmount(increment, index, 'clicked');
  checkAmount(increment, index, 'interest');
  if (increment.placement === null && (increment.shown > 0 || increment.clicked > 0)) {
    throw new TypeError(`reaction increment ${index}: shown and clicked need a placement`);
  }
  return increment;
}

/** The increments checked and summed per product: what one write per product adds. */
export function summedByProduct(increments: readonly ReactionIncrement[]): Map<string, ProductIncrement> {
  const checkedIncrements = increments.map(checked);
  const byProduct = new Map<string, ProductIncrement>();
  for (const { placement, productId, shown, clicked, interest } of checkedIncrements) {
    let product = byProduct.get(productId);
    if (product === undefined) {
      product = { placements: {}, interest: 0 };
      byProduct.set(productId, product);
    }
    product.interest += interest;
    if (placement === null) continue;
    const sums = (product.placements[placement] ??= { shown: 0, clicked: 0 });
    sums.shown += shown;
    sums.clicked += clicked;
  }
  return byProduct;
}
