import { describe, expect, it } from 'vitest';
import { product } from '../../../test/support/catalog-fixtures.js';
import { ProductTable } from '../product-table.js';
import { orderShortlist } from '../shortlist-order.js';

// The whole-list reference (selective-search.test.ts) never meets two weighed scores that are
// exactly equal with different factors; `Merchandiser.arrange` puts the higher factor first then.
describe('orderShortlist', () => {
  const table = new ProductTable(
    ['JG-A', 'JG-B', 'JG-C'].map((id) => product(id, { variants: [['M', 'blau', 1]] })),
  );

  /** JG-A, JG-B and JG-C shortlisted with these scores, fit tiers and factors, no lift, no pins. */
  function order(score: number[], fit: number[], factors: number[]) {
    return orderShortlist(
      {
        table,
        matching: Int32Array.of(0, 1, 2),
        scores: { score: Float64Array.from(score), fit: Uint8Array.from(fit) },
        factors: Float64Array.from(factors),
        positions: [0, 1, 2],
      },
      null,
      [],
    );
  }

  it('puts the higher merchandising factor first where the weighed scores tie', () => {
    // JG-A scores half of JG-B, and a boost of 2 makes them equal.
    const { order: ranked, final } = order([0.5, 1, 0.25], [2, 2, 2], [2, 1, 1]);
    expect(ranked).toEqual([0, 1, 2]);
    expect([0, 1, 2].map((position) => final.get(position))).toEqual([1, 1, 0.25]);
  });

  it('keeps the score order, then the id, where the factors tie too', () => {
    expect(order([1, 1, 2], [2, 2, 2], [1, 1, 0.5]).order).toEqual([0, 1, 2]);
  });

  it('ranks a better fit tier first, whatever the scores', () => {
    expect(order([3, 1, 2], [0, 2, 1], [1, 1, 1]).order).toEqual([1, 2, 0]);
  });
});
