import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { noTaste } from '../../../shared/catalog/taste.js';
import { product, taste } from '../../../test/support/catalog-fixtures.js';
import type { Campaign } from '../campaigns.js';
import { composeNewsletter, noSignals, type Recipient } from '../compose.js';

const now = new Date('2026-11-01T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

const catalog: Product[] = [
  product('tempo', { brand: 'Laufwerk', listedAt: daysAgo(60), variants: [['XL', 'blau', 3]] }),
  product('sprint', { brand: 'Laufwerk', listedAt: daysAgo(60), variants: [['XL', 'schwarz', 2]] }),
  product('eigen', {
    brand: 'Hausmarke',
    ownBrand: true,
    listedAt: daysAgo(60),
    variants: [['XL', 'grau', 2]],
  }),
  product('neu', { brand: 'Nordpfad', listedAt: daysAgo(2), variants: [['XL', 'grün', 2]] }),
  product('kiel', {
    brand: 'Küstenwind',
    category: 'Hemden',
    listedAt: daysAgo(60),
    variants: [['XL', 'blau', 1]],
  }),
  product('klein', { brand: 'Laufwerk', listedAt: daysAgo(1), variants: [['S', 'blau', 5]] }),
];

const weekly: Campaign = {
  id: 'weekly',
  name: 'Wochen-Newsletter',
  subject: 'Neue {category} in {size} für dich',
  fallbackSubject: 'Unsere Neuheiten der Woche',
  productCount: 5,
  blocks: [
    { title: 'Neu in {size} für dich', fallbackTitle: 'Neu im Shop', pick: 'new-in', productCount: 1 },
    { title: 'Mehr von {brand}', fallbackTitle: 'Unsere Marken', pick: 'favourite-brand', productCount: 2 },
    { title: 'Unsere Eigenmarken', fallbackTitle: 'Unsere Eigenmarken', pick: 'own-brands', productCount: 2 },
  ],
};

const runner: Recipient = {
  taste: taste({ sizes: ['XL'], brands: ['Laufwerk'], colors: ['blau'], categories: ['Laufhosen'] }),
  bought: new Set(['sprint']),
};

const compose = (recipient: Recipient, campaign = weekly) =>
  composeNewsletter(campaign, recipient, noSignals, catalog, now);

const allIds = (newsletter: ReturnType<typeof compose>) => [
  ...(newsletter.hero === null ? [] : [newsletter.hero.product.id]),
  ...newsletter.blocks.flatMap(({ items }) => items.map(({ product }) => product.id)),
];

describe('composeNewsletter', () => {
  it('leads with the product that fits the recipient best', () => {
    expect(compose(runner).hero?.product.id).toBe('tempo');
    expect(compose(runner).hero?.reasons).toContain('In stock in your size XL');
  });

  it('fills the blocks in order, titles from the recipient’s affinities', () => {
    const { blocks } = compose(runner);
    expect(blocks.map(({ title }) => title)).toEqual(['Neu in XL für dich', 'Unsere Eigenmarken']);
    expect(blocks[0]?.items.map(({ product }) => product.id)).toEqual(['neu']);
    expect(blocks[0]?.items[0]?.reasons).toContain('New in the shop');
    expect(blocks[1]?.items.map(({ product }) => product.id)).toEqual(['eigen']);
  });

  it('shows every product once, all in the recipient’s size, none they bought, at most productCount', () => {
    const ids = allIds(compose(runner));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('sprint');
    expect(ids).not.toContain('klein');
    expect(ids.length).toBeLessThanOrEqual(weekly.productCount);
  });

  it('leaves out a block with nothing left to show', () => {
    // "Mehr von Laufwerk": the hero took the only Laufwerk product left in XL.
    expect(compose(runner).blocks.some(({ title }) => title === 'Mehr von Laufwerk')).toBe(false);
  });

  it('falls back to the general block title for a recipient the profile knows nothing of', () => {
    const titles = compose({ taste: noTaste, bought: new Set() }).blocks.map(({ title }) => title);
    expect(titles[0]).toBe('Neu im Shop');
    expect(titles).toContain('Unsere Marken');
  });

  it('gives every product a reason, even for a recipient the profile knows nothing of', () => {
    const newsletter = compose({ taste: noTaste, bought: new Set() });
    const items = [newsletter.hero, ...newsletter.blocks.flatMap(({ items }) => items)];
    expect(items.every((item) => (item?.reasons.length ?? 0) > 0)).toBe(true);
  });

  it('gives a campaign without blocks one block of the recipient’s taste', () => {
    const plain: Campaign = { ...weekly, blocks: undefined, productCount: 3 };
    const newsletter = compose(runner, plain);
    expect(newsletter.blocks).toHaveLength(1);
    expect(allIds(newsletter)).toHaveLength(3);
  });
});
