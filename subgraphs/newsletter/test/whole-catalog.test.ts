import { describe, expect, it } from 'vitest';
import { normalizeAttribute, type Product } from '../../../shared/catalog/product.js';
import { fitsSizes, rankByTaste, tasteWithTrend } from '../../../shared/catalog/ranking.js';
import { noTaste, type Taste, TasteScorer, topValue } from '../../../shared/catalog/taste.js';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import { seededRandom } from '../../../shared/reactions/random.js';
import { clickThroughLift } from '../../../shared/reactions/thompson.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import { tiedCatalog, tiedRules, tiedValues } from '../../../test/support/tied-catalog.js';
import { blocksOf, type Campaign, fillTemplate } from '../campaigns.js';
import {
  type ComposedNewsletter,
  composeNewsletter,
  type NewsletterItem,
  type NewsletterSignals,
  type Recipient,
} from '../compose.js';

// composeNewsletter reads a recipient's ranking only as far as the newsletter needs. These tests
// hold it to the plain formulation: rank the whole catalog by taste, weigh in trend and lift,
// arrange it with the merchandiser, then fill the blocks from that list.

const now = new Date('2026-11-01T12:00:00Z');
const rules = tiedRules(['NEWSLETTER']);

/** Fresh for every composition: a lift draws from its random source as it is asked. */
function signalsOf(kind: 'none' | 'trend' | 'learned', seed: number): NewsletterSignals {
  const trend = (productId: string) => (productId.length % 3) / 2;
  switch (kind) {
    case 'none':
      return { popularity: () => 0, lift: null, merchandiser: Merchandiser.none() };
    case 'trend':
      return { popularity: trend, lift: null, merchandiser: rules };
    case 'learned': {
      const random = seededRandom(seed);
      return {
        popularity: trend,
        lift: (productId) =>
          clickThroughLift({ shown: productId.length % 5, clicked: productId.length % 2 }, 0.05, random),
        merchandiser: rules,
      };
    }
  }
}

/** The whole catalog, best first, as the newsletter ranked it before it read only what it needs. */
function wholeRanking(recipient: Recipient, signals: NewsletterSignals, catalog: readonly Product[]) {
  const size = topValue(recipient.taste.sizes);
  const sizes = size === undefined ? [] : [size];
  const candidates = catalog.filter((item) => !recipient.bought.has(item.id) && fitsSizes(item, sizes));
  const ranked = rankByTaste(candidates, new TasteScorer(recipient.taste), {
    sizes,
    exclude: new Set(),
    limit: candidates.length,
  }).map(({ product: item, score: tasteScore, match }): NewsletterItem => {
    const reasons = size === undefined ? [] : [`In stock in your size ${size}`];
    if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
    if (match.brand > 0) reasons.push(`From ${item.brand}, a brand you like`);
    const trend = signals.popularity(item.id);
    if (trend >= 0.5) reasons.push('Popular right now');
    let score = tasteWithTrend(tasteScore, trend);
    if (signals.lift !== null) {
      const { lift, reason } = signals.lift(item.id);
      score *= lift;
      if (reason !== null) reasons.push(reason);
    }
    if (reasons.length === 0) reasons.push('Widely available: a start while we learn your taste');
    return { product: item, score, reasons };
  });
  return signals.merchandiser.arrange(ranked, { placement: 'NEWSLETTER' });
}

function wholeCatalogNewsletter(
  campaign: Campaign,
  recipient: Recipient,
  signals: NewsletterSignals,
  catalog: readonly Product[],
): ComposedNewsletter {
  const ranked = wholeRanking(recipient, signals, catalog);
  const isNew = (item: Product) => now.getTime() - (item.listedAt as Date).getTime() <= 14 * 86_400_000;
  const brand = topValue(recipient.taste.brands);
  const picks = {
    taste: () => ranked,
    'favourite-brand': () =>
      brand === undefined
        ? ranked
        : ranked.filter((item) => normalizeAttribute(item.product.brand) === normalizeAttribute(brand)),
    'own-brands': () => ranked.filter((item) => item.product.ownBrand),
    'new-in': () => [
      ...ranked
        .filter((item) => isNew(item.product))
        .map((item) => ({ ...item, reasons: [...item.reasons, 'New in the shop'] })),
      ...ranked.filter((item) => !isNew(item.product)),
    ],
  };
  const hero = ranked[0] ?? null;
  const taken = new Set(hero === null ? [] : [hero.product.id]);
  let room = campaign.productCount - taken.size;
  const blocks = [];
  for (const block of blocksOf(campaign)) {
    const items = picks[block.pick]()
      .filter((item) => !taken.has(item.product.id))
      .slice(0, Math.min(block.productCount, room));
    if (items.length === 0) continue;
    for (const item of items) taken.add(item.product.id);
    room -= items.length;
    blocks.push({ title: fillTemplate(block.title, block.fallbackTitle, recipient.taste), items });
  }
  return { hero, blocks };
}

const weekly: Campaign = {
  id: 'weekly',
  name: 'Wochen-Newsletter',
  subject: 'Neue {category} in {size}',
  fallbackSubject: 'Neuheiten',
  productCount: 12,
  blocks: [
    { title: 'Neu in {size}', fallbackTitle: 'Neu im Shop', pick: 'new-in', productCount: 3 },
    { title: 'Mehr von {brand}', fallbackTitle: 'Unsere Marken', pick: 'favourite-brand', productCount: 4 },
    { title: 'Eigenmarken', fallbackTitle: 'Eigenmarken', pick: 'own-brands', productCount: 3 },
  ],
};
const plain: Campaign = { ...weekly, id: 'plain', blocks: undefined, productCount: 20 };
/** Asks for far more than the best few products: the ranking must read on, past its first cut. */
const deep: Campaign = {
  ...weekly,
  id: 'deep',
  productCount: 24,
  blocks: [
    { title: 'Eigenmarken', fallbackTitle: 'Eigenmarken', pick: 'own-brands', productCount: 12 },
    { title: 'Neu', fallbackTitle: 'Neu', pick: 'new-in', productCount: 12 },
  ],
};

/** Six picks of few products each: together they read past the best few of the ranking. */
const sparse: Campaign = {
  ...weekly,
  id: 'sparse',
  productCount: 24,
  blocks: Array.from({ length: 6 }, () => ({
    title: 'Eigenmarken',
    fallbackTitle: 'Eigenmarken',
    pick: 'own-brands' as const,
    productCount: 4,
  })),
};

function recipients(): Recipient[] {
  const list: Recipient[] = [{ taste: noTaste, bought: new Set() }];
  for (let index = 0; index < 40; index += 1) {
    const tasteOf: Taste = taste({
      sizes: index % 7 === 0 ? [] : [tiedValues.sizes[index % tiedValues.sizes.length] as string, 'XXL'],
      colors: index % 3 === 0 ? [] : [tiedValues.colors[index % tiedValues.colors.length] as string, 'ROT'],
      brands: index % 4 === 0 ? [] : [tiedValues.brands[index % tiedValues.brands.length] as string],
      categories:
        index % 5 === 0
          ? []
          : [tiedValues.categories[index % tiedValues.categories.length] as string, 'Socken'],
    });
    list.push({ taste: tasteOf, bought: new Set(index % 2 === 0 ? [`JG-${index}`, `JG-${index * 3}`] : []) });
  }
  list.push({ taste: taste({ sizes: ['5XL'] }), bought: new Set() });
  return list;
}

describe('composeNewsletter, reading only as far as it needs', () => {
  const catalog = tiedCatalog(400, now);

  it.each(['none', 'trend', 'learned'] as const)(
    'composes what ranking and arranging the whole catalog composes (signals: %s)',
    (kind) => {
      for (const campaign of [weekly, plain, deep, sparse]) {
        recipients().forEach((recipient, index) => {
          const composed = composeNewsletter(campaign, recipient, signalsOf(kind, index), catalog, now);
          const whole = wholeCatalogNewsletter(campaign, recipient, signalsOf(kind, index), catalog);
          expect(composed).toEqual(whole);
        });
      }
    },
  );

  it('fills a new-in block from far down the ranking when nearly everything is new', () => {
    // Nine products in ten are new: the block asks for more than there are, and the older ones
    // that fill it up lie beyond what the picks read ahead.
    const mostlyNew = catalog.map((item, index) => (index % 10 === 0 ? item : { ...item, listedAt: now }));
    const newIn: Campaign = {
      ...weekly,
      id: 'new-in',
      productCount: 400,
      blocks: [{ title: 'Neu', fallbackTitle: 'Neu', pick: 'new-in', productCount: 399 }],
    };
    recipients().forEach((recipient, index) => {
      const composed = composeNewsletter(newIn, recipient, signalsOf('trend', index), mostlyNew, now);
      const whole = wholeCatalogNewsletter(newIn, recipient, signalsOf('trend', index), mostlyNew);
      expect(composed).toEqual(whole);
    });
  });

  it('leads with the pinned products the recipient can get, in the pins’ order, with each pin’s reason', () => {
    const shelf = [
      product('liked', { brand: 'Laufwerk', variants: [['M', 'blau', 3]] }),
      product('second', { brand: 'Nordpfad', variants: [['M', 'rot', 1]] }),
      product('too-big', { brand: 'Nordpfad', variants: [['XL', 'rot', 5]] }),
      product('other', { brand: 'Bergzeit', variants: [['M', 'grau', 2]] }),
    ];
    const pins = new Merchandiser({
      rules: [
        {
          id: 'first',
          action: 'pin',
          productIds: ['SECOND', 'too-big', 'liked'],
          placements: ['NEWSLETTER'],
          reason: 'Featured',
        },
        { id: 'again', action: 'pin', productIds: ['liked'], placements: ['NEWSLETTER'], reason: 'Again' },
      ],
    });
    const recipient: Recipient = { taste: taste({ sizes: ['M'], brands: ['Laufwerk'] }), bought: new Set() };
    const signals = { popularity: () => 0, lift: null, merchandiser: pins };
    const { hero, blocks } = composeNewsletter(plain, recipient, signals, shelf, now);
    const items = [hero, ...blocks.flatMap((block) => block.items)];
    expect(items.map((item) => item?.product.id)).toEqual(['second', 'liked', 'other']);
    expect(items[1]?.reasons).toEqual([
      'In stock in your size M',
      'From Laufwerk, a brand you like',
      'Featured',
      'Again',
    ]);
  });
});
