import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { TasteScorer } from '../../../shared/catalog/taste.js';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import { parseMerchandisingRules } from '../../../shared/merchandising/rules.js';
import type { LiftOf } from '../../../shared/reactions/placement-lift.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import { SearchCatalog, type SearchPage, type SearchRanking } from '../catalog.js';
import { parseSearchInput, type SearchInput } from '../search-input.js';

const day = 86_400_000;
const listed = (daysAgo: number) => new Date(Date.UTC(2026, 10, 1) - daysAgo * day);

const products = [
  product('tempo', {
    title: 'Laufhose Tempo',
    price: 39.95,
    listedAt: listed(30),
    variants: [['XL', 'blau', 4]],
  }),
  product('sprint', {
    title: 'Laufhose Sprint',
    price: 59,
    listedAt: listed(2),
    variants: [['M', 'blau', 2]],
  }),
  product('eigen', {
    title: 'Laufhose Eigen',
    brand: 'Hausmarke',
    ownBrand: true,
    price: 45,
    listedAt: listed(10),
    variants: [['XL', 'schwarz', 3]],
  }),
  product('foehr', {
    title: 'Regenjacke Föhr',
    brand: 'Küstenwind',
    category: 'Jacken',
    price: 129,
    listedAt: listed(1),
    variants: [['XL', 'rot', 3]],
  }),
  product('kiel', {
    title: 'Hemd Kiel',
    brand: 'Küstenwind',
    category: 'Hemden',
    price: 24.5,
    listedAt: listed(5),
    variants: [['L', 'weiß', 5]],
  }),
];

const rules = parseMerchandisingRules(
  {
    rules: [
      { id: 'own', action: 'boost', factor: 1.35, when: { ownBrand: true }, reason: 'Our own brand' },
      {
        id: 'featured',
        action: 'pin',
        productIds: ['sprint'],
        placements: ['SEARCH'],
        queries: ['laufhose'],
        reason: 'Featured',
      },
    ],
  },
  'test rules',
);

const plain = new SearchCatalog(products);
const merchandised = new SearchCatalog(products, new Merchandiser(rules));

function search(input: SearchInput, ranking: SearchRanking = {}, catalog = plain): SearchPage {
  return catalog.search(parseSearchInput({ first: 100, ...input }), ranking);
}

const ids = (page: SearchPage) => page.hits.map(({ product }) => product.id);

describe('SearchCatalog sorting', () => {
  it('sorts by price, cheapest or dearest first', () => {
    expect(ids(search({ sort: 'PRICE_ASC' }))).toEqual(['kiel', 'tempo', 'eigen', 'sprint', 'foehr']);
    expect(ids(search({ sort: 'PRICE_DESC' }))).toEqual(['foehr', 'sprint', 'eigen', 'tempo', 'kiel']);
  });

  it('sorts by when the product first appeared in the feed, newest first', () => {
    expect(ids(search({ sort: 'NEWEST' }))).toEqual(['foehr', 'sprint', 'kiel', 'eigen', 'tempo']);
  });

  it('lets a price order beat a pin: the shopper asked for it', () => {
    expect(ids(search({ query: 'laufhose', sort: 'PRICE_ASC' }, {}, merchandised))[0]).toBe('tempo');
  });
});

describe('SearchCatalog German compounds', () => {
  it('finds a "Regenjacke" for "Jacke", since the catalog knows the word on its own', () => {
    expect(ids(search({ query: 'jacke' }))).toEqual(['foehr']);
  });

  it('finds "Laufhose" products for "Laufhosen" and for "Lauf-Hose"', () => {
    expect(ids(search({ query: 'laufhosen' })).sort()).toEqual(['eigen', 'sprint', 'tempo']);
    expect(ids(search({ query: 'Lauf-Hose' })).sort()).toEqual(['eigen', 'sprint', 'tempo']);
  });
});

describe('SearchCatalog zero-result rescue', () => {
  it('answers with any of the words when all of them find nothing, and says so', () => {
    const page = search({ query: 'laufhose seide' });
    expect(ids(page).sort()).toEqual(['eigen', 'sprint', 'tempo']);
    expect(page.relaxation).toMatchObject({ query: 'laufhose seide', anyWord: true, droppedFilters: [] });
    expect(page.relaxation?.message).toContain('some of the search words');
  });

  it('drops a filter before it drops the words, but never the size', () => {
    const page = search({ query: 'laufhose', filters: { sizes: ['XL'], colors: ['rot'] } });
    expect(ids(page).sort()).toEqual(['eigen', 'tempo']);
    expect(page.relaxation?.droppedFilters).toEqual(['colors']);
    expect(page.hits.every(({ product }) => product.variants.some((variant) => variant.size === 'XL'))).toBe(
      true,
    );
  });

  it('counts the facets of the relaxed search the shopper sees', () => {
    const page = search({ query: 'laufhose', filters: { sizes: ['XL'], colors: ['rot'] } });
    const colors = page
      .facets()
      .find(({ field }) => field === 'color')
      ?.values.map(({ value }) => value);
    expect(colors?.sort()).toEqual(['blau', 'schwarz']);
  });

  it('answers an empty page when asked not to relax', () => {
    const page = search({ query: 'laufhose seide', relax: false });
    expect(page.total).toBe(0);
    expect(page.relaxation).toBeNull();
  });

  it('leaves a search that found something as it is', () => {
    expect(search({ query: 'laufhose' }).relaxation).toBeNull();
  });
});

describe('SearchCatalog filter values', () => {
  it('refuses a filter value the catalog does not have, naming the field and the value', () => {
    let refusal: unknown;
    try {
      search({ filters: { colors: ['blau', 'lila'] } });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect((refusal as GraphQLError).message).toContain('input.filters.colors');
    expect((refusal as GraphQLError).message).toContain('"lila"');
    expect((refusal as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('takes filter values in any case', () => {
    expect(ids(search({ filters: { colors: ['BLAU'] } })).sort()).toEqual(['sprint', 'tempo']);
  });
});

describe('SearchCatalog merchandising and reasons', () => {
  it('pins the featured product first for its query, with the rule’s reason', () => {
    const page = search({ query: 'laufhose' }, {}, merchandised);
    expect(ids(page)[0]).toBe('sprint');
    expect(page.hits[0]?.reasons).toContain('Featured');
  });

  it('boosts an own brand and says why', () => {
    const hit = search({ query: 'laufhose' }, {}, merchandised).hits.find(
      ({ product }) => product.id === 'eigen',
    );
    expect(hit?.reasons).toContain('Our own brand');
    const plainScore = search({ query: 'laufhose' }).hits.find(
      ({ product }) => product.id === 'eigen',
    )?.score;
    expect(hit?.score).toBeCloseTo((plainScore ?? 0) * 1.35);
  });

  it('never pins or boosts a product above the ones in the visitor’s size and colour', () => {
    const scorer = new TasteScorer(taste({ sizes: ['XL'], colors: ['blau'] }));
    const page = search({ query: 'laufhose' }, { scorer }, merchandised);
    expect(ids(page)).toEqual(['tempo', 'eigen', 'sprint']);
    expect(page.hits[0]?.reasons).toContain('In stock in your size XL');
  });

  it('reorders by learned click-through, with its reason, when the lift says so', () => {
    const lift: LiftOf = (productId) =>
      productId === 'tempo'
        ? { lift: 0.2, reason: 'Shown often, rarely clicked' }
        : { lift: 1, reason: null };
    const before = ids(search({ query: 'laufhose tempo' }));
    expect(before[0]).toBe('tempo');
    const page = search({ query: 'laufhose' }, { lift });
    expect(ids(page).at(-1)).toBe('tempo');
    expect(page.hits.at(-1)?.reasons).toEqual(['Shown often, rarely clicked']);
  });
});
