import { describe, expect, it } from 'vitest';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import { product } from '../../../test/support/catalog-fixtures.js';
import { tiedCatalog } from '../../../test/support/tied-catalog.js';
import { type Choice, rankingCatalog } from '../ranking-catalog.js';

const now = new Date('2026-11-01T12:00:00Z');
const day = 86_400_000;

const catalog = rankingCatalog(tiedCatalog(120, now), Merchandiser.none());
const entries = [...catalog.byId.values()].flat();

/** The products a choice lists, and those its test takes, by catalog position. */
function bothWays(choice: Choice) {
  return {
    listed: (choice.entries ?? []).map((entry) => entry.index).sort((a, b) => a - b),
    tested: entries
      .filter((entry) => choice.has(entry))
      .map((entry) => entry.index)
      .sort((a, b) => a - b),
  };
}

describe('rankingCatalog choices', () => {
  // Each choice lists exactly the products its test takes: a pick ranks the list instead of
  // testing every product, and the two must agree.

  it('lists the products of a brand, by its normalized name', () => {
    const { listed, tested } = bothWays(catalog.ofBrand('nordpfad'));
    expect(listed).toHaveLength(24);
    expect(listed).toEqual(tested);
    expect(catalog.ofBrand('unbekannt').entries).toEqual([]);
  });

  it('lists the own brands', () => {
    const { listed, tested } = bothWays(catalog.ownBrands);
    expect(listed).toHaveLength(14);
    expect(listed).toEqual(tested);
  });

  it('lists the products listed at a moment or later, that moment included', () => {
    // The tied catalog lists products 0 … 29 days before now, four of each day.
    for (const days of [0, 1, 14, 29, 30]) {
      const since = now.getTime() - days * day;
      const { listed, tested } = bothWays(catalog.listedSince(since));
      expect(listed).toHaveLength(Math.min(days + 1, 30) * 4);
      expect(listed).toEqual(tested);
      expect(bothWays(catalog.listedSince(since + 1)).listed).toHaveLength(Math.min(days, 30) * 4);
    }
  });

  it('leaves out products without a listing date', () => {
    const undated = rankingCatalog(
      [product('JG-1', { variants: [['M', 'blau', 1]] })],
      Merchandiser.none(),
    ).listedSince(0);
    expect(undated.entries).toEqual([]);
  });
});
