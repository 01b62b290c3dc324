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
  const matching = Int32Array.of(0, 1, 2);
  const positions = [0, 1, 2];

  it('puts the higher merchandising factor first where the weighed scores tie', () => {
    const { order, final } = orderShortlist(
      {
        table,
        matching,
        // JG-A scores half of JG-B, and a boost of 2 makes them equal.
        scores: { score: Float64Array.of(0.5, 1, 0.25), fit: Uint8Array.of(2, 2, 2) },
        factors: Float64Array.of(2, 1, 1),
        positions,
      },
      null,
      [],
    );
    expect(order).toEqual([0, 1, 2]);
    expect([0, 1, 2].map((position) => final.get(position))).toEqual([1, 1, 0.25]);
  });

  it('keeps the score order, then the id, where the factors tie too', () => {
    const { order } = orderShortlist(
      {
        table,
        matching,
        scores: { score: Float64Array.of(1, 1, 2), fit: Uint8Array.of(2, 2, 2) },
        factors: Float64Array.of(1, 1, 0.5),
        positions,
      },
      null,
      [],
    );
    expect(order).toEqual([0, 1, 2]);
  });

  it('ranks a better fit tier first, whatever the scores', () => {
    const { order } = orderShortlist(
      {
        table,
        matching,
        scores: { score: Float64Array.of(3, 1, 2), fit: Uint8Array.of(0, 2, 1) },
        factors: Float64Array.of(1, 1, 1),
        positions,
      },
      null,
      [],
    );
    expect(order).toEqual([1, 2, 0]);
  });
});
