import { describe, expect, it } from 'vitest';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import { RecipientRanking } from '../recipient-ranking.js';

describe('RecipientRanking', () => {
  it('asks what is trending once per product for all recipients ranked with one reading', () => {
    const catalog = Array.from({ length: 30 }, (_, index) =>
      product(`JG-${index}`, { variants: [['M', 'blau', 1 + (index % 3)]] }),
    );
    const asked: string[] = [];
    const popularity = (productId: string) => {
      asked.push(productId);
      return 0;
    };
    const signals = { popularity, lift: null, merchandiser: Merchandiser.none() };
    for (const colors of [['blau'], ['rot'], []]) {
      const ranking = new RecipientRanking({ taste: taste({ colors }), bought: new Set() }, signals, catalog);
      expect([...ranking.best()]).toHaveLength(30);
    }
    expect(asked).toHaveLength(30);
    expect(new Set(asked).size).toBe(30);
  });
});
