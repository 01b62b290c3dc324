import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { noTaste, type Taste, TasteScorer } from '../../../shared/catalog/taste.js';
import { loadFeed } from '../../../shared/feed/load.js';
import { loadMerchandising } from '../../../shared/merchandising/load.js';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import type { LiftOf } from '../../../shared/reactions/placement-lift.js';
import { seededRandom } from '../../../shared/reactions/random.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import { SearchCatalog, type SearchPage, type SearchRanking } from '../catalog.js';
import { encodeCursor, parseSearchInput, type SearchInput, type SearchSort } from '../search-input.js';
import { referenceSearch } from './reference-search.js';
import { ReferenceTextIndex } from './reference-text-index.js';

// The demo shop's 2,400 products and merchandising rules (own brands boosted, two running pants
// pinned for "laufhose"), listed on a few days only so that NEWEST has ties to break.
let products: Product[];
let merchandiser: Merchandiser;
let catalog: SearchCatalog;
let textIndex: ReferenceTextIndex;

beforeAll(async () => {
  const root = new URL('../../../', import.meta.url);
  const feed = await loadFeed(fileURLToPath(new URL('data/demo-feed.tsv', root)), {
    ownBrandLabel: 'eigenmarke',
  });
  products = feed.products.map((product, index) => ({
    ...product,
    listedAt: new Date(Date.UTC(2026, 10, 1 + (index % 5))),
  }));
  merchandiser = await loadMerchandising(fileURLToPath(new URL('config/merchandising.json', root)));
  catalog = new SearchCatalog(products, merchandiser);
  textIndex = new ReferenceTextIndex(products);
});

/** What a page shows: the same in both, score for score (exactly: the same arithmetic). */
function shown(page: SearchPage) {
  return {
    total: page.total,
    hits: page.hits.map(({ product, score, reasons, fit }) => ({ id: product.id, score, reasons, fit })),
    facets: page.facets(),
    nextCursor: page.nextCursor,
    relaxation: page.relaxation,
  };
}

/** Click-through lift drawing from a seeded sequence, as the resolver's is: a fresh one per search. */
function seededLift(seed: number): LiftOf {
  const random = seededRandom(seed);
  return () => {
    const draw = random();
    return { lift: 0.2 + 2.8 * draw, reason: draw > 0.9 ? 'Often clicked here' : null };
  };
}

const queries = [null, 'laufhose', 'jacke blau', 'hemd', 'regenjake', 'kleid', 'nichtsda'];
const filterSets: SearchInput['filters'][] = [
  {},
  { sizes: ['XL'], colors: ['blau'] },
  { brands: ['Hanseat Denim', 'Nordpfad'] },
  { categories: ['Hoodies', 'Laufhosen'], sizes: ['M'] },
  { priceMin: 30, priceMax: 80, colors: ['schwarz', 'navy'] },
];
const tastes: (Taste | undefined)[] = [
  undefined,
  noTaste,
  taste({ sizes: ['XL', 'L'], colors: ['blau', 'schwarz'], brands: ['Laufwerk'], categories: ['Laufhosen'] }),
  taste({ sizes: ['M'], colors: ['navy'], brands: ['Stadtfaden', 'Nordpfad'], categories: ['Hemden'] }),
  taste({ sizes: ['XXS'], colors: ['pink'] }),
];
const pages = [
  { first: 24 },
  { first: 10, after: encodeCursor(30) },
  { first: 100, after: encodeCursor(250) },
];

/** Every query with every filter set, twice, with visitors, pages and lifts in turn. */
function requests(sort: SearchSort): { input: SearchInput; taste: Taste | undefined; lift: number | null }[] {
  return queries.flatMap((query, queryNumber) =>
    filterSets.flatMap((filters, filterNumber) =>
      [0, 1].map((turn) => {
        const number = (queryNumber * filterSets.length + filterNumber) * 2 + turn;
        return {
          input: { query, filters, sort, ...pages[number % pages.length] },
          taste: tastes[number % tastes.length],
          lift: number % 4 === 0 ? null : number,
        };
      }),
    ),
  );
}

function both(request: ReturnType<typeof requests>[number]): [SearchPage, SearchPage] {
  const parsed = parseSearchInput(request.input);
  const ranking = (): SearchRanking => ({
    scorer: request.taste === undefined ? undefined : new TasteScorer(request.taste),
    lift: request.lift === null ? null : seededLift(request.lift),
  });
  return [
    catalog.search(parsed, ranking()),
    referenceSearch(products, textIndex, merchandiser, parsed, ranking()),
  ];
}

describe("SearchCatalog's shortlist ranking and one-pass facets", () => {
  it.each<SearchSort>(['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'])(
    'give the pages, totals and facets that ranking and counting every match gives, sorted by %s',
    (sort) => {
      for (const request of requests(sort)) {
        const [selective, reference] = both(request);
        expect(shown(selective), JSON.stringify(request)).toEqual(shown(reference));
      }
    },
  );

  it('walks every match once across pages in the order ranking every match makes', () => {
    const input = { filters: { sizes: ['S'] }, first: 100 };
    const ranking = {
      scorer: new TasteScorer(taste({ sizes: ['S'], colors: ['grün'], brands: ['Bergfalke'] })),
    };
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = catalog.search(parseSearchInput({ ...input, after }), ranking);
      seen.push(...page.hits.map(({ product }) => product.id));
      after = page.nextCursor;
    } while (after !== null);
    const whole = referenceSearch(
      products,
      textIndex,
      merchandiser,
      parseSearchInput({ ...input, first: 100 }),
      ranking,
    );
    expect(seen).toHaveLength(whole.total);
    expect(new Set(seen).size).toBe(whole.total);
    expect(seen.slice(0, 100)).toEqual(whole.hits.map(({ product }) => product.id));
  });

  it("counts a page's facets right when asked after later searches", () => {
    const input = { query: 'laufhose', filters: { sizes: ['XL'], colors: ['blau'] } };
    const page = catalog.search(parseSearchInput(input));
    catalog.search(parseSearchInput({ query: 'hemd', filters: { sizes: ['M'] } }));
    catalog.search(parseSearchInput({ filters: { brands: ['Nordpfad'] } }));
    expect(page.facets()).toEqual(catalog.search(parseSearchInput(input)).facets());
    expect(page.facets()).toEqual(
      referenceSearch(products, textIndex, merchandiser, parseSearchInput(input)).facets(),
    );
  });

  it('lists facet values that compare as equal in the order counting product by product does', () => {
    // "Ä" written as one letter and as A plus two dots: different values that sort as equal, so
    // their order is the order first counted, in the first product's variants that count.
    const [composed, decomposed] = ['\u00c4', 'A\u0308'];
    const equalSpellings = [
      product('one', {
        title: 'Laufhose One',
        variants: [
          [decomposed, 'rot', 1],
          [composed, 'blau', 1],
          [decomposed, 'blau', 1],
        ],
      }),
      product('two', { title: 'Laufhose Two', brand: 'Nordpfad', variants: [[composed, 'rot', 2]] }),
    ];
    const small = new SearchCatalog(equalSpellings);
    const smallReference = new ReferenceTextIndex(equalSpellings);
    for (const filters of [{}, { colors: ['blau'] }, { colors: ['rot'] }]) {
      const request = parseSearchInput({ query: 'laufhose', filters });
      const sizes = small
        .search(request)
        .facets()
        .find(({ field }) => field === 'size');
      expect(sizes, JSON.stringify(filters)).toEqual(
        referenceSearch(equalSpellings, smallReference, Merchandiser.none(), request)
          .facets()
          .find(({ field }) => field === 'size'),
      );
    }
  });

  it('counts facets only when asked, and once', () => {
    const page = catalog.search(parseSearchInput({ query: 'laufhose' }));
    const facets = page.facets();
    expect(facets.map(({ field }) => field)).toEqual(['size', 'color', 'brand', 'category', 'price']);
    expect(page.facets()).toBe(facets);
  });
});
