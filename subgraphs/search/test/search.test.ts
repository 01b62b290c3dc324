import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { TasteScorer } from '../../../shared/catalog/taste.js';
import { affinities, product } from '../../../test/support/catalog-fixtures.js';
import { SearchCatalog, type SearchPage } from '../catalog.js';
import { priceBandOf } from '../price-bands.js';
import { encodeCursor, parseSearchInput, type SearchInput } from '../search-input.js';

const products = [
  // XL only in schwarz, blau only in M: not "XL in blau".
  product('tempo', {
    title: 'Laufhose Tempo',
    price: 39.95,
    variants: [
      ['XL', 'schwarz', 4],
      ['M', 'blau', 3],
      ['XL', 'blau', 0],
    ],
  }),
  product('sprint', {
    title: 'Laufhose Sprint',
    price: 59,
    variants: [
      ['XL', 'blau', 2],
      ['M', 'schwarz', 1],
    ],
  }),
  product('solo', { title: 'Laufhose Solo', brand: 'Nordpfad', price: 19.99, variants: [['L', 'rot', 0]] }),
  product('kiel', {
    title: 'Hemd Kiel',
    brand: 'Küstenwind',
    category: 'Hemden',
    price: 49.95,
    variants: [
      ['L', 'weiß', 5],
      ['XL', 'weiß', 0],
    ],
  }),
  product('sylt', {
    title: 'Hemd Sylt',
    brand: 'Küstenwind',
    category: 'Hemden',
    price: 24.5,
    variants: [['XL', 'blau', 1]],
  }),
  product('brocken', {
    title: 'Pullover Brocken',
    brand: 'Nordpfad',
    category: 'Pullover',
    price: 89,
    variants: [
      ['M', 'rot', 2],
      ['L', 'schwarz', 6],
    ],
  }),
  product('foehr', {
    title: 'Regenjacke Föhr',
    brand: 'Küstenwind',
    category: 'Regenjacken',
    price: 129,
    variants: [['XL', 'rot', 3]],
  }),
  product('gipfel', {
    title: 'Daunenjacke Gipfel',
    brand: 'Nordpfad',
    category: 'Daunenjacken',
    price: 249,
    variants: [['S', 'schwarz', 2]],
  }),
];

const catalog = new SearchCatalog(products);

function search(input: SearchInput, scorer?: TasteScorer): SearchPage {
  return catalog.search(parseSearchInput({ first: 100, ...input }), { scorer });
}

/** Ids found, sorted: for tests about which products match, not in which order. */
function foundIds(input: SearchInput): string[] {
  return search(input)
    .hits.map(({ product }) => product.id)
    .sort();
}

function facetOf(page: SearchPage, field: string): Record<string, number> {
  const facet = page.facets().find((candidate) => candidate.field === field);
  return Object.fromEntries((facet?.values ?? []).map(({ value, count }) => [value, count]));
}

describe('SearchCatalog text search', () => {
  it('finds every "Laufhose" for the plural "laufhosen"', () => {
    expect(foundIds({ query: 'laufhosen' })).toEqual(['solo', 'sprint', 'tempo']);
  });

  it('finds a "Laufhose" for the hyphenated "Lauf-Hose" though no field says "Hose" alone', () => {
    expect(foundIds({ query: 'Lauf-Hose' })).toEqual(['solo', 'sprint', 'tempo']);
  });

  it('forgives a one-letter typo in "Laufhise"', () => {
    expect(foundIds({ query: 'Laufhise' })).toEqual(['solo', 'sprint', 'tempo']);
  });

  it('finds "Föhr" when typed without umlaut as "foehr"', () => {
    expect(foundIds({ query: 'foehr' })).toEqual(['foehr']);
  });

  it('needs every word of the query to match', () => {
    expect(foundIds({ query: 'Laufhose Sprint' })).toEqual(['sprint']);
    expect(foundIds({ query: 'Lauf-Hose Sprint' })).toEqual(['sprint']);
  });

  it('counts facets over the products the query finds', () => {
    expect(facetOf(search({ query: 'hemden' }), 'brand')).toEqual({ Küstenwind: 2 });
  });
});

describe('SearchCatalog filters', () => {
  it('matches a size filter only with a variant in stock in that size', () => {
    expect(foundIds({ filters: { sizes: ['XL'] } })).toEqual(['foehr', 'sprint', 'sylt', 'tempo']);
  });

  it('compares sizes and colours without regard to case', () => {
    expect(foundIds({ filters: { sizes: ['xl'], colors: ['BLAU'] } })).toEqual(['sprint', 'sylt']);
  });

  it('matches size and colour together only with one variant in that size and colour in stock', () => {
    const found = foundIds({ filters: { sizes: ['XL'], colors: ['blau'] } });
    expect(found).toEqual(['sprint', 'sylt']);
    expect(found).not.toContain('tempo');
  });

  it('matches any of several sizes', () => {
    expect(foundIds({ filters: { sizes: ['S', 'L'] } })).toEqual(['brocken', 'gipfel', 'kiel']);
  });

  it('filters by brand and by category', () => {
    expect(foundIds({ filters: { brands: ['Küstenwind'] } })).toEqual(['foehr', 'kiel', 'sylt']);
    expect(foundIds({ filters: { categories: ['laufhosen'] } })).toEqual(['solo', 'sprint', 'tempo']);
    expect(foundIds({ filters: { brands: ['Nordpfad'], categories: ['Pullover', 'Daunenjacken'] } })).toEqual(
      ['brocken', 'gipfel'],
    );
  });

  it('filters by price with both bounds included', () => {
    expect(foundIds({ filters: { priceMin: 24.5, priceMax: 49.95 } })).toEqual(['kiel', 'sylt', 'tempo']);
    expect(foundIds({ filters: { priceMin: 200 } })).toEqual(['gipfel']);
  });

  it('counts every match in total, not only the page', () => {
    const page = search({ filters: { sizes: ['XL'] }, first: 2 });
    expect(page.total).toBe(4);
    expect(page.hits).toHaveLength(2);
  });
});

describe('SearchCatalog facets', () => {
  it('counts sizes without the size filter but within the colour filter', () => {
    const page = search({ filters: { sizes: ['XL'], colors: ['blau'] } });
    expect(facetOf(page, 'size')).toEqual({ M: 1, XL: 2 });
  });

  it('counts colours without the colour filter but within the size filter', () => {
    const page = search({ filters: { sizes: ['XL'], colors: ['blau'] } });
    expect(facetOf(page, 'color')).toEqual({ blau: 2, rot: 1, schwarz: 1 });
  });

  it('counts brands with every other filter applied', () => {
    const page = search({ filters: { brands: ['Nordpfad'], sizes: ['XL'] }, relax: false });
    expect(page.total).toBe(0);
    expect(facetOf(page, 'brand')).toEqual({ Küstenwind: 2, Laufwerk: 2 });
  });

  it('orders sizes from small to large', () => {
    const sizes = search({})
      .facets()
      .find((facet) => facet.field === 'size')
      ?.values.map(({ value }) => value);
    expect(sizes).toEqual(['S', 'M', 'L', 'XL']);
  });

  it('counts products per price band, cheapest band first', () => {
    const prices = search({})
      .facets()
      .find((facet) => facet.field === 'price')?.values;
    expect(prices).toEqual([
      { value: '0-25', count: 2 },
      { value: '25-50', count: 2 },
      { value: '50-100', count: 2 },
      { value: '100-200', count: 1 },
      { value: '200+', count: 1 },
    ]);
  });

  it('puts a price on a band boundary into the higher band', () => {
    expect(priceBandOf(0)).toBe('0-25');
    expect(priceBandOf(24.99)).toBe('0-25');
    expect(priceBandOf(25)).toBe('25-50');
    expect(priceBandOf(99.99)).toBe('50-100');
    expect(priceBandOf(200)).toBe('200+');
  });
});

describe('SearchCatalog paging', () => {
  it('returns every match exactly once across pages of nextCursor', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = search({ first: 3, after });
      seen.push(...page.hits.map(({ product }) => product.id));
      after = page.nextCursor;
      pages += 1;
    } while (after !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(products.length);
    expect(new Set(seen)).toEqual(new Set(products.map((item) => item.id)));
  });

  it('has no nextCursor when the first page holds every match', () => {
    expect(search({ first: 8 }).nextCursor).toBeNull();
  });
});

describe('SearchCatalog personalized ranking', () => {
  const scorer = new TasteScorer({
    sizes: affinities('XL', 'M'),
    colors: affinities('blau', 'schwarz'),
    brands: [],
    categories: [],
  });

  it("puts products available in the visitor's top size and colour first", () => {
    const ids = search({}, scorer).hits.map(({ product }) => product.id);
    expect(ids.slice(0, 2).sort()).toEqual(['sprint', 'sylt']);
    // Next: in XL, but only in the second colour, then in a colour the visitor has no liking for.
    expect(ids.slice(2, 4)).toEqual(['tempo', 'foehr']);
  });

  it('ranks products not available in the top size below those that are', () => {
    const ids = search({}, scorer).hits.map(({ product }) => product.id);
    // kiel has an XL, but it is sold out.
    expect(ids.slice(4).sort()).toEqual(['brocken', 'gipfel', 'kiel', 'solo']);
  });

  it('reorders but does not filter: the same products are found', () => {
    expect(search({ query: 'laufhosen' }, scorer).total).toBe(search({ query: 'laufhosen' }).total);
  });
});

function rejectionOf(input: SearchInput): GraphQLError {
  try {
    parseSearchInput(input);
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error(`parseSearchInput accepted ${JSON.stringify(input)}`);
}

const tooMany = Array.from({ length: 51 }, (_, index) => `size-${index}`);

describe('parseSearchInput', () => {
  it.each<[string, string, SearchInput]>([
    ['a query over 200 characters', 'input.query', { query: 'x'.repeat(201) }],
    ['first 0', 'input.first', { first: 0 }],
    ['first 101', 'input.first', { first: 101 }],
    ['a fractional first', 'input.first', { first: 2.5 }],
    ['a cursor it did not return', 'input.after', { after: 'not-a-cursor' }],
    ['a cursor beyond the deepest page', 'input.after', { after: encodeCursor(10_001) }],
    ['a negative priceMin', 'input.filters.priceMin', { filters: { priceMin: -1 } }],
    ['a negative priceMax', 'input.filters.priceMax', { filters: { priceMax: -0.01 } }],
    ['priceMin above priceMax', 'input.filters.priceMin', { filters: { priceMin: 50, priceMax: 20 } }],
    ['more than 50 sizes', 'input.filters.sizes', { filters: { sizes: tooMany } }],
    ['more than 50 brands', 'input.filters.brands', { filters: { brands: tooMany } }],
  ])('rejects %s as BAD_USER_INPUT naming %s', (_, argument, input) => {
    expect(rejectionOf(input).extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
  });

  it('accepts the limits themselves', () => {
    const request = parseSearchInput({
      query: ` ${'x'.repeat(200)} `,
      first: 100,
      after: encodeCursor(10_000),
      filters: { sizes: tooMany.slice(1), priceMin: 0, priceMax: 0 },
    });
    expect(request.query).toHaveLength(200);
    expect(request.first).toBe(100);
    expect(request.offset).toBe(10_000);
  });

  it('reads a blank query as no query and a missing first as 24', () => {
    expect(parseSearchInput({ query: '   ' })).toMatchObject({ query: null, first: 24, offset: 0 });
  });
});
