import { describe, expect, it } from 'vitest';
import { isAvailable, type Product } from '../../../shared/catalog/product.js';
import { noTaste, type Taste, TasteScorer } from '../../../shared/catalog/taste.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import type { LearnedPairs } from '../learning/pairs.js';
import { type Placement, type Recommendation, recommend } from '../recommender.js';
import { type Wish, wishOf } from '../wish.js';

const now = new Date('2025-05-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('wishOf', () => {
  const wearsXlInBlau = taste({ sizes: ['XL', 'L'], colors: ['blau', 'schwarz'] });

  it("takes the sizes and colours of a recent search over the visitor's preferences", () => {
    const lastSearch = { sizes: ['M'], colors: ['grün', 'rot'], at: minutesAgo(30) };
    expect(wishOf(wearsXlInBlau, lastSearch, now)).toEqual({ sizes: ['M'], colors: ['grün', 'rot'] });
  });

  it('takes the top preference for a dimension the recent search left open', () => {
    const lastSearch = { sizes: ['M'], colors: [], at: minutesAgo(5) };
    expect(wishOf(wearsXlInBlau, lastSearch, now)).toEqual({ sizes: ['M'], colors: ['blau'] });
  });

  it('falls back to the top preferences when the last search is older than two hours', () => {
    const lastSearch = { sizes: ['M'], colors: ['grün'], at: minutesAgo(121) };
    expect(wishOf(wearsXlInBlau, lastSearch, now)).toEqual({ sizes: ['XL'], colors: ['blau'] });
  });

  it('reads the time of the last search as a Date as well as a string', () => {
    const lastSearch = { sizes: ['M'], colors: ['grün'], at: new Date(minutesAgo(10)) };
    expect(wishOf(wearsXlInBlau, lastSearch, now)).toEqual({ sizes: ['M'], colors: ['grün'] });
  });

  it('wishes for nothing in particular when neither search nor profile know anything', () => {
    expect(wishOf(noTaste, null, now)).toEqual({ sizes: [], colors: [] });
    expect(wishOf(noTaste, { sizes: [], colors: [], at: minutesAgo(1) }, now)).toEqual({
      sizes: [],
      colors: [],
    });
  });
});

const anchor = product('tempo', {
  title: 'Laufhose Tempo',
  brand: 'Laufwerk',
  price: 40,
  variants: [['XL', 'blau', 3]],
});

const catalog = [
  anchor,
  // In XL and blau, but another brand at another price: less like the anchor than `pace`.
  product('sprint', { brand: 'Nordpfad', price: 90, variants: [['XL', 'blau', 2]] }),
  // Same brand and price as the anchor, in XL, but blau only in M.
  product('pace', {
    variants: [
      ['XL', 'schwarz', 4],
      ['M', 'blau', 5],
    ],
  }),
  product('trail', { brand: 'Nordpfad', price: 55, variants: [['XL', 'rot', 1]] }),
  // Blau in XL sold out.
  product('solo', {
    variants: [
      ['M', 'blau', 3],
      ['XL', 'blau', 0],
    ],
  }),
  product('kiel', { title: 'Hemd Kiel', category: 'Hemden', variants: [['XL', 'blau', 2]] }),
  product('gone', { variants: [['L', 'blau', 0]] }),
];

function recommendFor(
  placement: Placement,
  options: {
    wish: Wish;
    taste?: Taste;
    anchor?: Product | null;
    limit?: number;
    learned?: Partial<Record<keyof LearnedPairs, Record<string, number>>>;
  },
): Recommendation[] {
  return recommend(
    {
      placement,
      anchor: options.anchor ?? null,
      limit: options.limit ?? 10,
      scorer: new TasteScorer(options.taste ?? noTaste),
      wish: options.wish,
      learned: {
        viewed: new Map(Object.entries(options.learned?.viewed ?? {})),
        bought: new Map(Object.entries(options.learned?.bought ?? {})),
      },
    },
    catalog,
  );
}

const ids = (recommendations: Recommendation[]) => recommendations.map(({ product }) => product.id);

describe('recommend for PRODUCT_DETAIL', () => {
  const wish = { sizes: ['XL'], colors: ['blau'] };
  const alternatives = () => recommendFor('PRODUCT_DETAIL', { anchor, wish });

  it('recommends only products of the same category, never the product on the page', () => {
    const found = alternatives();
    expect(found.every(({ product }) => product.category === anchor.category)).toBe(true);
    expect(ids(found)).not.toContain('tempo');
    expect(ids(found)).not.toContain('kiel');
  });

  it('recommends only products in stock in the wished size', () => {
    const found = alternatives();
    expect(ids(found).sort()).toEqual(['pace', 'sprint', 'trail']);
    expect(found.every(({ product }) => isAvailable(product, { size: 'XL' }))).toBe(true);
  });

  it('puts products in the wished colour in that size before more similar ones', () => {
    expect(ids(alternatives())[0]).toBe('sprint');
  });

  it('gives the wished size and, where it fits, the wished colour as reasons', () => {
    const [sprint, ...others] = alternatives();
    expect(sprint?.reasons).toContain('In stock in your size XL');
    expect(sprint?.reasons).toContain('In your colour blau');
    for (const other of others) {
      expect(other.reasons).toContain('In stock in your size XL');
      expect(other.reasons).not.toContain('In your colour blau');
    }
  });

  it('recommends any product in stock when no size is wished, but none sold out', () => {
    const found = ids(recommendFor('PRODUCT_DETAIL', { anchor, wish: { sizes: [], colors: [] } }));
    expect(found.sort()).toEqual(['pace', 'solo', 'sprint', 'trail']);
  });

  it('returns at most limit products', () => {
    expect(ids(recommendFor('PRODUCT_DETAIL', { anchor, wish, limit: 1 }))).toEqual(['sprint']);
  });

  it('throws a TypeError without the product on the page', () => {
    expect(() => recommendFor('PRODUCT_DETAIL', { wish })).toThrow(TypeError);
  });
});

describe('recommend for PRODUCT_DETAIL with products viewed together', () => {
  const inXl = { sizes: ['XL'], colors: [] };

  it('ranks a product often viewed together with the one on the page above more similar ones', () => {
    expect(ids(recommendFor('PRODUCT_DETAIL', { anchor, wish: inXl }))[0]).toBe('pace');
    const found = recommendFor('PRODUCT_DETAIL', { anchor, wish: inXl, learned: { viewed: { trail: 4 } } });
    expect(ids(found)).toEqual(['trail', 'pace', 'sprint']);
    expect(found[0]?.reasons[0]).toBe('Often viewed together with Laufhose Tempo');
    expect(found.slice(1).every(({ reasons }) => !reasons.some((reason) => reason.startsWith('Often')))).toBe(
      true,
    );
  });

  it('ranks the product viewed together more often first', () => {
    const learned = { viewed: { trail: 3, sprint: 9 } };
    expect(ids(recommendFor('PRODUCT_DETAIL', { anchor, wish: inXl, learned }))).toEqual([
      'sprint',
      'trail',
      'pace',
    ]);
  });

  it('still puts products in the wished colour first', () => {
    const learned = { viewed: { trail: 20 } };
    const wish = { sizes: ['XL'], colors: ['blau'] };
    expect(ids(recommendFor('PRODUCT_DETAIL', { anchor, wish, learned }))).toEqual([
      'sprint',
      'trail',
      'pace',
    ]);
  });

  it('never recommends a product viewed together that breaks a hard rule', () => {
    // solo is sold out in XL, kiel is a shirt, tempo is the product on the page.
    const learned = { viewed: { solo: 9, kiel: 9, tempo: 9 } };
    const found = ids(recommendFor('PRODUCT_DETAIL', { anchor, wish: inXl, learned }));
    expect(found.sort()).toEqual(['pace', 'sprint', 'trail']);
  });
});

describe('recommend for HOME', () => {
  const likesBlauLaufhosen = taste({ sizes: ['XL'], colors: ['blau'], categories: ['Laufhosen'] });
  const wish = { sizes: ['XL'], colors: ['blau'] };

  it("ranks products in stock in the wished size by the visitor's taste", () => {
    const found = recommendFor('HOME', { wish, taste: likesBlauLaufhosen });
    // Liked category and colour, then liked category (more variants first), then colour alone.
    expect(ids(found)).toEqual(['sprint', 'tempo', 'pace', 'trail', 'kiel']);
    expect(found.every(({ product }) => isAvailable(product, { size: 'XL' }))).toBe(true);
  });

  it('says why, in the visitor’s words', () => {
    const [first] = recommendFor('HOME', { wish, taste: likesBlauLaufhosen });
    expect(first?.reasons).toEqual(['In stock in your size XL', 'You like Laufhosen', 'In your colour blau']);
  });

  it('returns at most limit products', () => {
    expect(recommendFor('HOME', { wish, taste: likesBlauLaufhosen, limit: 2 })).toHaveLength(2);
  });

  it('still recommends products with a reason on a cold start', () => {
    const found = recommendFor('HOME', { wish: { sizes: [], colors: [] } });
    expect(found.length).toBeGreaterThan(0);
    for (const { reasons } of found) expect(reasons).toEqual([expect.stringMatching(/\S/)]);
  });

  it('never recommends a sold-out product, not even on a cold start', () => {
    expect(ids(recommendFor('HOME', { wish: { sizes: [], colors: [] } }))).not.toContain('gone');
  });
});

describe('recommend for CART', () => {
  const inXl = { sizes: ['XL'], colors: [] };
  const cart = (options: { learned?: { bought: Record<string, number> }; limit?: number; wish?: Wish }) =>
    recommendFor('CART', { anchor, wish: options.wish ?? inXl, ...options });

  it('ranks what visitors bought together with the product in the cart first, strongest first', () => {
    const found = cart({ learned: { bought: { trail: 3, kiel: 8 } } });
    expect(ids(found).slice(0, 2)).toEqual(['kiel', 'trail']);
    expect(found[0]?.reasons).toEqual([
      'Often bought together with Laufhose Tempo',
      'In stock in your size XL',
    ]);
    expect(found[1]?.reasons[0]).toBe('Often bought together with Laufhose Tempo');
  });

  it('fills the list up by taste, without duplicates, the product in the cart or another size', () => {
    const found = ids(cart({ learned: { bought: { trail: 3, kiel: 8 } } }));
    expect(found.sort()).toEqual(['kiel', 'pace', 'sprint', 'trail']);
  });

  it('scores the products bought together above the ones that fill the list up', () => {
    const scores = cart({ learned: { bought: { kiel: 8 } } }).map(({ score }) => score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0.5);
    expect(scores.slice(1).every((score) => score <= 0.5)).toBe(true);
  });

  it('never recommends a product bought together that is not in stock in the wished size', () => {
    const found = cart({ learned: { bought: { solo: 9, gone: 9, tempo: 9 } } });
    expect(ids(found).sort()).toEqual(['kiel', 'pace', 'sprint', 'trail']);
    expect(found.every(({ reasons }) => !reasons[0]?.startsWith('Often'))).toBe(true);
  });

  it('falls back to the taste ranking when nothing is learned', () => {
    const likesBlauLaufhosen = taste({ sizes: ['XL'], colors: ['blau'], categories: ['Laufhosen'] });
    const wish = { sizes: ['XL'], colors: ['blau'] };
    const home = recommendFor('HOME', { wish, taste: likesBlauLaufhosen });
    const found = recommendFor('CART', { anchor, wish, taste: likesBlauLaufhosen });
    expect(found).toEqual(home.filter(({ product }) => product.id !== anchor.id));
  });

  it('returns at most limit products', () => {
    expect(ids(cart({ learned: { bought: { trail: 3, kiel: 8 } }, limit: 1 }))).toEqual(['kiel']);
    expect(cart({ learned: { bought: { kiel: 8 } }, limit: 3 })).toHaveLength(3);
  });
});
