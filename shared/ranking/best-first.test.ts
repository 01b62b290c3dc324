import { describe, expect, it } from 'vitest';
import { seededRandom } from '../reactions/random.js';
import { BestFirst, firstPlaces, kthLargestAt } from './best-first.js';

const randomNumbers = (seed: number, count: number) => {
  const random = seededRandom(seed);
  // Few distinct values: ties are where an order goes wrong.
  return Array.from({ length: count }, () => Math.floor(random() * 8) + (random() < 0.5 ? 0 : 0.5));
};

describe('BestFirst', () => {
  it('takes the items in the order a sort puts them, then nothing', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const values = randomNumbers(seed, seed * 3);
      const items = values.map((value, index) => ({ value, index }));
      const order = (a: (typeof items)[number], b: (typeof items)[number]) =>
        b.value - a.value || a.index - b.index;
      const sorted = [...items].sort(order);
      const heap = new BestFirst([...items], (a, b) => order(a, b) < 0);
      const taken = sorted.map(() => heap.take());
      expect(taken).toEqual(sorted);
      expect(heap.take()).toBeUndefined();
    }
  });
});

describe('firstPlaces', () => {
  it('gives the head of the order a sort puts the places in, leaving out those skipped', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const values = randomNumbers(seed, seed * 4);
      const order = (a: number, b: number) => (values[b] as number) - (values[a] as number) || a - b;
      const skip = (place: number) => place % 7 === 3;
      const sorted = values
        .map((_, place) => place)
        .filter((place) => !skip(place))
        .sort(order);
      for (const count of [0, 1, 8, sorted.length + 2]) {
        expect(firstPlaces(values.length, count, (a, b) => order(a, b) < 0, skip)).toEqual(
          sorted.slice(0, count),
        );
      }
    }
  });
});

describe('kthLargestAt', () => {
  it('finds the value a descending sort of the values at the places puts at place k', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const values = Float64Array.from(randomNumbers(seed, 1 + seed * 5));
      // Every third value, and some twice: places need not be distinct or in order.
      const places = [...values.keys()].filter((index) => index % 3 !== 1).reverse();
      places.push(...places.slice(0, seed % 4));
      const sorted = places.map((place) => values[place] as number).sort((a, b) => b - a);
      for (const k of [1, 2, Math.ceil(places.length / 2), places.length]) {
        expect(kthLargestAt(values, places, k)).toBe(sorted[k - 1]);
      }
    }
  });

  it('counts equal values once each', () => {
    const values = Float64Array.from([0.5, 0.2, 0.5, 0.5, 0.1]);
    expect(kthLargestAt(values, [0, 1, 2, 3, 4], 3)).toBe(0.5);
    expect(kthLargestAt(values, [0, 1, 2, 3, 4], 4)).toBe(0.2);
  });

  it('refuses a place outside the values', () => {
    expect(() => kthLargestAt(Float64Array.from([1, 2]), [0, 1], 3)).toThrow(
      'k must be a whole number from 1 to 2, got 3',
    );
  });
});
