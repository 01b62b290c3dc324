import { describe, expect, it } from 'vitest';
import { product, taste } from '../../test/support/catalog-fixtures.js';
import type { Product } from './product.js';
import { fitsSizes, rankByTaste } from './ranking.js';
import { noTaste, TasteScorer } from './taste.js';

const likesBlauLaufhosen = new TasteScorer(taste({ colors: ['blau'], categories: ['Laufhosen'] }));
const noExclusions = new Set<string>();
const ids = (ranked: { product: Product }[]) => ranked.map(({ product }) => product.id);

describe('rankByTaste', () => {
  const products = [
    // Everything the visitor likes, but not to be had in XL.
    product('perfect', { variants: [['M', 'blau', 5]] }),
    product('fits', { variants: [['XL', 'blau', 1]] }),
    product('fits-other-colour', { variants: [['XL', 'grau', 2]] }),
    product('shirt', { category: 'Hemden', variants: [['XL', 'weiß', 3]] }),
  ];

  it('ranks only products in stock in one of the sizes, however well the others match', () => {
    const ranked = rankByTaste(products, likesBlauLaufhosen, {
      sizes: ['XL'],
      exclude: noExclusions,
      limit: 10,
    });
    expect(ids(ranked)).toEqual(['fits', 'fits-other-colour', 'shirt']);
  });

  it('takes any of several sizes', () => {
    const ranked = rankByTaste(products, likesBlauLaufhosen, {
      sizes: ['XL', 'M'],
      exclude: noExclusions,
      limit: 10,
    });
    expect(ids(ranked)).toContain('perfect');
  });

  it('ranks every product in stock when no size is known, and no sold-out one', () => {
    const soldOut = product('sold-out', { variants: [['M', 'blau', 0]] });
    const ranked = rankByTaste([...products, soldOut], likesBlauLaufhosen, {
      sizes: [],
      exclude: noExclusions,
      limit: 10,
    });
    expect(ids(ranked).sort()).toEqual(['fits', 'fits-other-colour', 'perfect', 'shirt']);
  });

  it('leaves out excluded products', () => {
    const ranked = rankByTaste(products, likesBlauLaufhosen, {
      sizes: ['XL'],
      exclude: new Set(['fits']),
      limit: 10,
    });
    expect(ids(ranked)).toEqual(['fits-other-colour', 'shirt']);
  });

  it('returns at most limit products, the best ones', () => {
    const ranked = rankByTaste(products, likesBlauLaufhosen, {
      sizes: ['XL'],
      exclude: noExclusions,
      limit: 2,
    });
    expect(ids(ranked)).toEqual(['fits', 'fits-other-colour']);
  });

  it('breaks a tie in favour of the product in stock in more variants', () => {
    const few = product('a-few', { variants: [['M', 'blau', 9]] });
    const many = product('b-many', {
      variants: [
        ['M', 'blau', 1],
        ['L', 'blau', 1],
        ['XL', 'blau', 0],
      ],
    });
    const ranked = rankByTaste([few, many], likesBlauLaufhosen, {
      sizes: ['M'],
      exclude: noExclusions,
      limit: 10,
    });
    expect(ranked[0]?.score).toBe(ranked[1]?.score);
    expect(ids(ranked)).toEqual(['b-many', 'a-few']);
  });

  it('scores a product the visitor has no taste for as 0', () => {
    const [ranked] = rankByTaste(products, new TasteScorer(noTaste), {
      sizes: ['XL'],
      exclude: noExclusions,
      limit: 1,
    });
    expect(ranked?.score).toBe(0);
  });
});

describe('fitsSizes', () => {
  it('compares sizes without regard to case', () => {
    expect(fitsSizes(product('p', { variants: [['XL', 'blau', 1]] }), ['xl'])).toBe(true);
  });
});

describe('TasteScorer.match', () => {
  const scorer = new TasteScorer(taste({ colors: ['Blau', 'schwarz'], brands: ['Laufwerk'] }));
  const pants = product('pants', {
    variants: [
      ['M', 'blau', 2],
      ['XL', 'blau', 0],
      ['XL', 'schwarz', 3],
    ],
  });

  it('counts only colours in stock in the given size', () => {
    expect(scorer.match(pants, 'XL')).toMatchObject({ color: 0.5, bestColor: 'schwarz' });
    expect(scorer.match(pants, 'M')).toMatchObject({ color: 1, bestColor: 'blau' });
  });

  it('counts every colour in stock when no size is given', () => {
    expect(scorer.match(pants)).toMatchObject({ color: 1, bestColor: 'blau' });
  });

  it('counts no colour for a size the product is not in stock in', () => {
    expect(scorer.match(pants, 'S')).toMatchObject({ color: 0, bestColor: undefined });
  });

  it('scores brand and category as a share of the favourite, regardless of case', () => {
    expect(scorer.match(product('other', { brand: 'LAUFWERK', variants: [] }))).toMatchObject({
      brand: 1,
      category: 0,
    });
  });
});
