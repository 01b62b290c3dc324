import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { noTaste, type Taste, TasteScorer } from '../../../shared/catalog/taste.js';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import { parseMerchandisingRules } from '../../../shared/merchandising/rules.js';
import type { LiftOf } from '../../../shared/reactions/placement-lift.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import { nothingLearned } from '../learning/pairs.js';
import {
  type Placement,
  type Recommendation,
  type RecommendationRequest,
  recommend,
} from '../recommender.js';

const now = new Date('2026-11-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

const catalog: Product[] = [
  product('tempo', { title: 'Laufhose Tempo', listedAt: daysAgo(60), variants: [['XL', 'blau', 3]] }),
  product('sprint', { title: 'Laufhose Sprint', listedAt: daysAgo(60), variants: [['XL', 'schwarz', 2]] }),
  product('eigen', {
    title: 'Laufhose Eigen',
    brand: 'Hausmarke',
    ownBrand: true,
    listedAt: daysAgo(60),
    variants: [['XL', 'grau', 2]],
  }),
  product('neu', { title: 'Laufhose Neu', listedAt: daysAgo(3), variants: [['XL', 'grün', 2]] }),
  product('kiel', {
    title: 'Hemd Kiel',
    category: 'Hemden',
    brand: 'Küstenwind',
    listedAt: daysAgo(60),
    variants: [['XL', 'blau', 2]],
  }),
  product('klein', { title: 'Laufhose Klein', listedAt: daysAgo(60), variants: [['S', 'blau', 5]] }),
];

const ownBrandsFirst = new Merchandiser(
  parseMerchandisingRules(
    { rules: [{ id: 'own', action: 'boost', factor: 3, when: { ownBrand: true }, reason: 'Our own brand' }] },
    'test rules',
  ),
);

function recommendAt(
  placement: Placement,
  options: Partial<Omit<RecommendationRequest, 'scorer'>> & { taste?: Taste } = {},
): Recommendation[] {
  const { taste: visitorTaste, ...rest } = options;
  return recommend(
    {
      placement,
      anchor: null,
      limit: 10,
      wish: { sizes: ['XL'], colors: [] },
      learned: nothingLearned,
      ...rest,
      scorer: new TasteScorer(visitorTaste ?? noTaste),
    },
    catalog,
    now,
  );
}

const ids = (recommendations: Recommendation[]) => recommendations.map(({ product }) => product.id);
const placements: Placement[] = ['HOME', 'CART', 'SEARCH', 'NEWSLETTER'];

describe('hard rules at every placement', () => {
  it.each(placements)(
    'never recommends at %s what the visitor bought, nor a product out of their size',
    (placement) => {
      const found = ids(recommendAt(placement, { bought: new Set(['tempo']) }));
      expect(found).not.toContain('tempo');
      expect(found).not.toContain('klein');
      expect(new Set(found).size).toBe(found.length);
    },
  );
});

describe('HOME', () => {
  it('ranks what is trending first for a visitor we know nothing of, and says so', () => {
    const popularity = (id: string) => ({ kiel: 1, sprint: 0.6 })[id] ?? 0;
    const found = recommendAt('HOME', { popularity });
    expect(ids(found).slice(0, 2)).toEqual(['kiel', 'sprint']);
    expect(found[0]?.reasons).toContain('Popular right now');
  });

  it('weighs the visitor’s taste with the trend: a liked category beats a slightly more popular one', () => {
    const popularity = (id: string) => ({ kiel: 0.6, tempo: 0.5 })[id] ?? 0;
    const found = recommendAt('HOME', {
      popularity,
      taste: taste({ categories: ['Laufhosen'], colors: ['blau'] }),
    });
    expect(ids(found)[0]).toBe('tempo');
  });
});

describe('SEARCH: the rescue for a search that found nothing', () => {
  it('leads with products close to the last search: its category and words', () => {
    const found = recommendAt('SEARCH', {
      searchIntent: { query: 'laufhose seide', categories: ['Laufhosen'], brands: [] },
    });
    expect(ids(found).at(-1)).toBe('kiel');
    expect(found[0]?.reasons[0]).toBe('Close to your search "laufhose seide"');
  });

  it('falls back to taste and trend without a last search', () => {
    expect(ids(recommendAt('SEARCH', { searchIntent: null }))).toEqual(ids(recommendAt('HOME')));
  });
});

describe('NEWSLETTER', () => {
  it('lifts a product new in the shop, and says so', () => {
    const found = recommendAt('NEWSLETTER');
    expect(ids(found)[0]).toBe('neu');
    expect(found[0]?.reasons).toContain('New in the shop');
  });
});

describe('the shop’s rules and learned click-through', () => {
  it('puts an own brand first where the rules say so, with the rule’s reason', () => {
    const found = recommendAt('HOME', { merchandiser: ownBrandsFirst });
    expect(ids(found)[0]).toBe('eigen');
    expect(found[0]?.reasons).toContain('Our own brand');
  });

  it('keeps the wished colour first on a product page, boost or not', () => {
    const anchor = catalog.find(({ id }) => id === 'sprint') ?? null;
    const found = recommendAt('PRODUCT_DETAIL', {
      anchor,
      wish: { sizes: ['XL'], colors: ['blau'] },
      merchandiser: ownBrandsFirst,
    });
    expect(ids(found)[0]).toBe('tempo');
    expect(ids(found)[1]).toBe('eigen');
  });

  it('sinks a product visitors see and never click, and says why', () => {
    const lift: LiftOf = (id) =>
      id === 'kiel' ? { lift: 0.2, reason: 'Shown often, rarely clicked' } : { lift: 1, reason: null };
    const popularity = (id: string) => (id === 'kiel' ? 1 : 0);
    expect(ids(recommendAt('HOME', { popularity }))[0]).toBe('kiel');
    const found = recommendAt('HOME', { popularity, lift });
    expect(ids(found).at(-1)).toBe('kiel');
    expect(found.at(-1)?.reasons).toContain('Shown often, rarely clicked');
  });
});
