import { describe, expect, it } from 'vitest';
import { product } from '../../test/support/catalog-fixtures.js';
import type { Product } from '../catalog/product.js';
import { Merchandiser, type RankedProduct } from './merchandiser.js';
import { parseMerchandisingRules } from './rules.js';

function merchandiser(...rules: unknown[]): Merchandiser {
  return new Merchandiser(parseMerchandisingRules({ rules }, 'test rules'));
}

function ranked(item: Product, score: number, reasons: string[] = []): RankedProduct {
  return { product: item, score, reasons };
}

const ids = (items: RankedProduct[]) => items.map((item) => item.product.id);

const own = product('own', { ownBrand: true, variants: [['M', 'blau', 1]] });
const other = product('other', { brand: 'Zielsprint', variants: [['M', 'blau', 1]] });
const socks = product('socks', {
  category: 'Socken',
  categoryPath: ['Bekleidung', 'Socken'],
  labels: ['sale'],
  variants: [['M', 'weiß', 1]],
});

const ownBrandsFirst = {
  id: 'own-brands-first',
  action: 'boost',
  factor: 1.35,
  when: { ownBrand: true },
  reason: 'Our own brand',
};

describe('Merchandiser boosts and buries', () => {
  it('lifts an own-brand product above a slightly better scored one and gives the reason', () => {
    const arranged = merchandiser(ownBrandsFirst).arrange([ranked(other, 0.6), ranked(own, 0.5)], {
      placement: 'HOME',
    });
    expect(ids(arranged)).toEqual(['own', 'other']);
    expect(arranged[0]).toMatchObject({ score: 0.5 * 1.35, reasons: ['Our own brand'] });
    expect(arranged[1]).toMatchObject({ score: 0.6, reasons: [] });
  });

  it('does not lift an own-brand product above a much better scored one', () => {
    const arranged = merchandiser(ownBrandsFirst).arrange([ranked(other, 0.9), ranked(own, 0.5)], {
      placement: 'HOME',
    });
    expect(ids(arranged)).toEqual(['other', 'own']);
  });

  it('puts own brands first for a visitor whose every score is 0', () => {
    const arranged = merchandiser(ownBrandsFirst).arrange([ranked(other, 0), ranked(own, 0)], {
      placement: 'HOME',
    });
    expect(ids(arranged)).toEqual(['own', 'other']);
  });

  it('lowers a buried product below a slightly worse scored one and gives the reason', () => {
    const sockRule = {
      id: 'socks-down',
      action: 'bury',
      factor: 0.5,
      when: { categories: ['socken'] },
      reason: 'Add-on',
    };
    const arranged = merchandiser(sockRule).arrange([ranked(socks, 0.8), ranked(other, 0.6)], {
      placement: 'NEWSLETTER',
    });
    expect(ids(arranged)).toEqual(['other', 'socks']);
    expect(arranged[1]).toMatchObject({ score: 0.4, reasons: ['Add-on'] });
  });

  it('matches a category anywhere in the category path, and labels, ignoring case', () => {
    const rules = merchandiser(
      { id: 'clothes', action: 'boost', factor: 2, when: { categories: ['BEKLEIDUNG'] }, reason: 'Clothes' },
      { id: 'sale', action: 'bury', factor: 0.9, when: { labels: ['Sale'] }, reason: 'On sale' },
    );
    const [arranged] = rules.arrange([ranked(socks, 1)], { placement: 'HOME' });
    expect(arranged).toMatchObject({ score: 1.8, reasons: ['Clothes', 'On sale'] });
  });

  it('applies a rule only when all its conditions hold', () => {
    const ownSocks = product('own-socks', {
      ownBrand: true,
      category: 'Socken',
      variants: [['M', 'weiß', 1]],
    });
    const rules = merchandiser({
      id: 'own-socks',
      action: 'boost',
      factor: 2,
      when: { ownBrand: true, categories: ['Socken'] },
      reason: 'Our socks',
    });
    const arranged = rules.arrange([ranked(own, 1), ranked(socks, 1), ranked(ownSocks, 1)], {
      placement: 'HOME',
    });
    expect(arranged.map((item) => [item.product.id, item.score])).toEqual([
      ['own-socks', 2],
      ['own', 1],
      ['socks', 1],
    ]);
  });

  it('applies a rule only at its placements', () => {
    const rules = merchandiser({ ...ownBrandsFirst, placements: ['SEARCH', 'CART'] });
    const items = [ranked(other, 0.6), ranked(own, 0.5)];
    expect(ids(rules.arrange(items, { placement: 'SEARCH' }))).toEqual(['own', 'other']);
    expect(ids(rules.arrange(items, { placement: 'HOME' }))).toEqual(['other', 'own']);
    expect(rules.arrange(items, { placement: 'HOME' })[1]?.reasons).toEqual([]);
  });

  it('keeps the reasons the caller gave and adds the rule reasons after them', () => {
    const [arranged] = merchandiser(ownBrandsFirst).arrange([ranked(own, 1, ['In your size'])], {
      placement: 'CART',
    });
    expect(arranged?.reasons).toEqual(['In your size', 'Our own brand']);
  });

  it('leaves the given items as they were and keeps their other fields', () => {
    const item = { ...ranked(own, 0.5, ['In your size']), position: 7 };
    const [arranged] = merchandiser(ownBrandsFirst).arrange([item], { placement: 'HOME' });
    expect(item).toEqual({ ...ranked(own, 0.5, ['In your size']), position: 7 });
    expect(arranged).toMatchObject({ position: 7, score: 0.5 * 1.35 });
    expect(arranged).not.toBe(item);
  });

  it("keeps the caller's order among equal scores", () => {
    const items = [ranked(socks, 0.5), ranked(other, 0.5), ranked(own, 0.7)];
    expect(ids(Merchandiser.none().arrange(items, { placement: 'HOME' }))).toEqual(['own', 'socks', 'other']);
  });
});

describe('Merchandiser pins', () => {
  const first = product('JG-1', { variants: [['M', 'blau', 1]] });
  const second = product('JG-2', { variants: [['M', 'blau', 1]] });
  const pin = {
    id: 'featured',
    action: 'pin',
    productIds: ['jg-2', 'JG-1', 'JG-404'],
    placements: ['SEARCH'],
    queries: ['Laufhose'],
    reason: 'Featured',
  };
  const items = [ranked(other, 0.9), ranked(own, 0.8), ranked(first, 0.2), ranked(second, 0.1)];

  it('moves pinned products to the top in the pin order, with the reason, for a matching query', () => {
    const arranged = merchandiser(pin).arrange(items, { placement: 'SEARCH', query: 'laufhose' });
    expect(ids(arranged)).toEqual(['JG-2', 'JG-1', 'other', 'own']);
    expect(arranged[0]?.reasons).toEqual(['Featured']);
    expect(arranged[2]?.reasons).toEqual([]);
  });

  it('pins for a query that contains the pinned one, in any case and umlaut spelling', () => {
    const rules = merchandiser({ ...pin, queries: ['Laufhöse'] });
    const arranged = rules.arrange(items, { placement: 'SEARCH', query: '  LAUFHOESEN   damen ' });
    expect(ids(arranged).slice(0, 2)).toEqual(['JG-2', 'JG-1']);
  });

  it('does not pin for other queries, nor for a search without a query', () => {
    const rules = merchandiser(pin);
    for (const query of ['laufshirt', 'lauf hose', '', null, undefined]) {
      expect(ids(rules.arrange(items, { placement: 'SEARCH', query }))).toEqual([
        'other',
        'own',
        'JG-1',
        'JG-2',
      ]);
    }
  });

  it('does not add a pinned product that is not among the items', () => {
    const arranged = merchandiser(pin).arrange([ranked(other, 0.9), ranked(first, 0.2)], {
      placement: 'SEARCH',
      query: 'laufhose',
    });
    expect(ids(arranged)).toEqual(['JG-1', 'other']);
  });

  it('pins only at its placements', () => {
    const arranged = merchandiser(pin).arrange(items, { placement: 'HOME', query: 'laufhose' });
    expect(ids(arranged)).toEqual(['other', 'own', 'JG-1', 'JG-2']);
  });

  it('pins at its other placements whatever the query: queries concern search only', () => {
    const rules = merchandiser({ ...pin, placements: ['SEARCH', 'HOME'] });
    expect(ids(rules.arrange(items, { placement: 'HOME' }))[0]).toBe('JG-2');
    expect(ids(rules.arrange(items, { placement: 'SEARCH', query: 'jeans' }))[0]).toBe('other');
  });

  it('pins without a query everywhere its placements allow', () => {
    const rules = merchandiser({ id: 'always', action: 'pin', productIds: ['JG-2'], reason: 'Featured' });
    expect(ids(rules.arrange(items, { placement: 'NEWSLETTER' }))[0]).toBe('JG-2');
    expect(ids(rules.arrange(items, { placement: 'SEARCH', query: 'jeans' }))[0]).toBe('JG-2');
  });

  it('pins after weighing: a pinned product keeps its boost and both reasons', () => {
    const ownPinned = { ...pin, productIds: ['own'] };
    const [top] = merchandiser(ownBrandsFirst, ownPinned).arrange(items, {
      placement: 'SEARCH',
      query: 'laufhose',
    });
    expect(top).toMatchObject({ score: 0.8 * 1.35, reasons: ['Our own brand', 'Featured'] });
  });
});

describe('Merchandiser for evaluation', () => {
  const rules = merchandiser(
    { ...ownBrandsFirst, placements: ['HOME', 'SEARCH'] },
    {
      id: 'own-jackets',
      action: 'boost',
      factor: 2,
      when: { ownBrand: true, categories: ['Jacken'] },
      placements: ['CART'],
      reason: 'Our jackets',
    },
    {
      id: 'featured',
      action: 'pin',
      productIds: ['own'],
      queries: ['hose'],
      placements: ['SEARCH'],
      reason: 'Featured',
    },
  );

  it('names the placements where every own-brand product is boosted', () => {
    expect(rules.ownBrandPlacements()).toEqual(['HOME', 'SEARCH']);
    expect(Merchandiser.none().ownBrandPlacements()).toEqual([]);
  });

  it('names the rules that act on a product in a context', () => {
    expect(rules.ruleIdsFor(own, { placement: 'SEARCH', query: 'laufhose' })).toEqual([
      'own-brands-first',
      'featured',
    ]);
    expect(rules.ruleIdsFor(own, { placement: 'SEARCH', query: 'jeans' })).toEqual(['own-brands-first']);
    expect(rules.ruleIdsFor(other, { placement: 'HOME' })).toEqual([]);
  });
});
