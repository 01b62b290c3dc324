import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import type { ProductReactions } from './reactions.js';
import { clickThroughLift, reactionReasons } from './thompson.js';

const rate = 0.05;
const draws = 2_000;

/** `draws` lifts for one product, from one seeded source. */
function liftsOf(reactions: ProductReactions, seed = 7): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: draws }, () => clickThroughLift(reactions, rate, random).lift);
}

const share = (values: number[], test: (value: number) => boolean) =>
  values.filter(test).length / values.length;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

const neverClicked: ProductReactions = { shown: 200, clicked: 0 };
const neverShown: ProductReactions = { shown: 0, clicked: 0 };
const oftenClicked: ProductReactions = { shown: 100, clicked: 20 };

describe('clickThroughLift', () => {
  it('lifts a product shown 200 times and never clicked well below 1 in nearly every draw', () => {
    const lifts = liftsOf(neverClicked);
    expect(share(lifts, (lift) => lift < 0.6)).toBeGreaterThan(0.95);
    expect(Math.max(...lifts)).toBeLessThan(1);
    expect(clickThroughLift(neverClicked, rate, Math.random).reason).toBe(reactionReasons.rarelyClicked);
  });

  it('samples a product never shown around 1, with a wide spread', () => {
    const lifts = liftsOf(neverShown);
    expect(mean(lifts)).toBeGreaterThan(0.7);
    expect(mean(lifts)).toBeLessThan(1.1);
    expect(share(lifts, (lift) => lift > 1.3)).toBeGreaterThan(0.1);
    expect(share(lifts, (lift) => lift < 0.6)).toBeGreaterThan(0.1);
    expect(clickThroughLift(neverShown, rate, Math.random).reason).toBe(reactionReasons.new);
  });

  it('gives a product never shown a chance: it beats the one never clicked in most rankings', () => {
    const random = seededRandom(11);
    let newWins = 0;
    for (let ranking = 0; ranking < draws; ranking += 1) {
      const newcome = clickThroughLift(neverShown, rate, random).lift;
      const ignored = clickThroughLift(neverClicked, rate, random).lift;
      if (newcome > ignored) newWins += 1;
    }
    expect(newWins / draws).toBeGreaterThan(0.85);
    expect(newWins / draws).toBeLessThan(1);
  });

  it('lifts a product clicked often above 1 and says so', () => {
    const lifts = liftsOf(oftenClicked);
    expect(Math.min(...lifts)).toBeGreaterThan(1);
    expect(clickThroughLift(oftenClicked, rate, Math.random).reason).toBe(reactionReasons.oftenClicked);
  });

  it('says nothing about a product whose clicks are about the placement’s rate', () => {
    expect(clickThroughLift({ shown: 40, clicked: 2 }, rate, Math.random).reason).toBeNull();
    expect(clickThroughLift({ shown: 4000, clicked: 210 }, rate, Math.random).reason).toBeNull();
  });

  it('says nothing yet about a product with a few impressions and a click', () => {
    expect(clickThroughLift({ shown: 6, clicked: 1 }, rate, Math.random).reason).toBeNull();
  });

  it('gives a product the same reason in every draw', () => {
    for (const reactions of [neverClicked, neverShown, oftenClicked, { shown: 40, clicked: 2 }]) {
      const reasons = new Set(
        [1, 2, 3, 4, 5].map((seed) => clickThroughLift(reactions, rate, seededRandom(seed)).reason),
      );
      expect(reasons.size).toBe(1);
    }
  });

  it('keeps the lift between 0.2 and 3 however clear the data', () => {
    expect(liftsOf({ shown: 10_000, clicked: 0 }).every((lift) => lift === 0.2)).toBe(true);
    expect(liftsOf({ shown: 1_000, clicked: 900 }).every((lift) => lift === 3)).toBe(true);
  });

  it('takes more clicks than impressions (impressions not tracked) as a product clicked every time', () => {
    const { lift, reason } = clickThroughLift({ shown: 10, clicked: 30 }, rate, seededRandom(3));
    expect(lift).toBeGreaterThan(1);
    expect(reason).toBe(reactionReasons.oftenClicked);
  });

  it('repeats its draws for the same seed', () => {
    expect(liftsOf(neverShown, 42)).toEqual(liftsOf(neverShown, 42));
    expect(liftsOf(neverShown, 42)).not.toEqual(liftsOf(neverShown, 43));
  });

  it('draws from a placement with a low rate too (α below 1)', () => {
    const lifts = Array.from(
      { length: draws },
      (_, draw) => clickThroughLift(neverShown, 0.01, seededRandom(draw)).lift,
    );
    expect(lifts.every((lift) => lift >= 0.2 && lift <= 3)).toBe(true);
    expect(share(lifts, (lift) => lift > 1)).toBeGreaterThan(0.1);
  });

  it('rejects a placement rate outside (0, 1) and negative counts', () => {
    expect(() => clickThroughLift(neverShown, 0, Math.random)).toThrow(RangeError);
    expect(() => clickThroughLift(neverShown, 1, Math.random)).toThrow(/placementRate/);
    expect(() => clickThroughLift(neverShown, Number.NaN, Math.random)).toThrow(/placementRate/);
    expect(() => clickThroughLift({ shown: -1, clicked: 0 }, rate, Math.random)).toThrow(/shown and clicked/);
  });
});

describe('seededRandom', () => {
  it('gives the same sequence for a seed, unrelated ones for neighbouring seeds, all in [0, 1)', () => {
    const first = seededRandom(41);
    const again = seededRandom(41);
    const neighbour = seededRandom(42);
    const sequence = Array.from({ length: 1_000 }, () => first());
    expect(Array.from({ length: 1_000 }, () => again())).toEqual(sequence);
    expect(sequence.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(Math.abs(neighbour() - seededRandom(41)())).toBeGreaterThan(0.01);
    expect(mean(sequence)).toBeCloseTo(0.5, 1);
  });

  it('rejects a seed that is not a whole number', () => {
    expect(() => seededRandom(0.5)).toThrow(/seed must be a whole number/);
  });
});
