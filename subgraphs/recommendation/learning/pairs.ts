import type { ForwardDecay } from '../../../shared/decay.js';

/**
 * How two products were seen together in one visitor's session: both viewed (alternatives the
 * visitor weighed), or both put in the cart or bought (products that go together).
 */
export type PairKind = 'viewed' | 'bought';
export const pairKinds = ['viewed', 'bought'] as const satisfies readonly PairKind[];

/** One learned pair to add to the store, in one direction: from `anchorId` to `partnerId`. */
export interface PairIncrement {
  anchorId: string;
  kind: PairKind;
  partnerId: string;
  /** Forward-decayed weight (see decay.ts). */
  amount: number;
}

/** A product's pairs as stored: partner id → forward-decayed weight sum, per kind. */
export type StoredPairs = Record<PairKind, Record<string, number>>;

export function noStoredPairs(): StoredPairs {
  return { viewed: {}, bought: {} };
}

/** A product's pairs as read now: partner id → decayed weight, only pairs with enough support. */
export type LearnedPairs = Record<PairKind, ReadonlyMap<string, number>>;

export const nothingLearned: LearnedPairs = { viewed: new Map(), bought: new Map() };

/**
 * Below this decayed weight a pair is one visitor's path through the shop, not something
 * visitors do "often": it takes two sessions within about half a half-life, or more before.
 */
export const minSupport = 1.5;

/** A pair with this decayed weight counts half as much as one that visitors never stop making. */
const halfStrengthWeight = 3;

/** The stored sums read at `now`, without the pairs too rare to say anything. */
export function readPairs(stored: StoredPairs, decay: ForwardDecay, now: Date): LearnedPairs {
  const read = (sums: Record<string, number>) => {
    const weights = new Map<string, number>();
    for (const [partnerId, sum] of Object.entries(sums)) {
      const weight = decay.score(sum, now);
      if (weight >= minSupport) weights.set(partnerId, weight);
    }
    return weights;
  };
  return { viewed: read(stored.viewed), bought: read(stored.bought) };
}

/** 0..1: how much a learned pair says, rising with its weight and never quite reaching 1. */
export function pairStrength(weight: number): number {
  return weight <= 0 ? 0 : weight / (weight + halfStrengthWeight);
}
