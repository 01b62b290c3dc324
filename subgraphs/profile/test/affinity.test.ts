import { describe, expect, it } from 'vitest';
import { type AffinitySignal, signalsOf, visitorChangesOf } from '../affinity.js';
import { ForwardDecay } from '../../../shared/decay.js';
import type { EventType, SearchContext } from '../events.js';
import { shirt, tights, touchpointEvent } from './fixtures.js';

const products = new Map([tights, shirt].map((entry) => [entry.id, entry]));

const now = new Date('2026-11-23T10:00:00Z');
const minute = 60_000;

function searchFor(filters: Partial<SearchContext>, at = now): SearchContext {
  return {
    query: null,
    sizes: [],
    colors: [],
    brands: [],
    categories: [],
    priceMin: null,
    priceMax: null,
    at,
    ...filters,
  };
}

function weightOf(signals: AffinitySignal[], dimension: AffinitySignal['dimension'], value: string): number {
  return signals
    .filter((signal) => signal.dimension === dimension && signal.value === value)
    .reduce((sum, signal) => sum + signal.weight, 0);
}

describe('signalsOf', () => {
  it('weighs a filter value above a look at a product with that value', () => {
    const filter = signalsOf(
      touchpointEvent('FILTER', now, { search: searchFor({ brands: ['Laufwerk'] }) }),
      undefined,
    );
    const view = signalsOf(touchpointEvent('PRODUCT_VIEW', now, { productId: tights.id }), tights);
    expect(weightOf(filter, 'brand', 'Laufwerk')).toBeGreaterThan(weightOf(view, 'brand', 'Laufwerk'));
  });

  it('weighs a purchase above a click on the same product', () => {
    const purchase = signalsOf(touchpointEvent('PURCHASE', now, { productId: tights.id }), tights);
    const click = signalsOf(touchpointEvent('PRODUCT_CLICK', now, { productId: tights.id }), tights);
    expect(weightOf(purchase, 'brand', 'Laufwerk')).toBeGreaterThan(weightOf(click, 'brand', 'Laufwerk'));
    expect(weightOf(purchase, 'category', 'Laufhosen')).toBeGreaterThan(
      weightOf(click, 'category', 'Laufhosen'),
    );
  });

  it('ranks product events view < click < add to cart < purchase', () => {
    const brandWeight = (type: EventType) =>
      weightOf(signalsOf(touchpointEvent(type, now, { productId: tights.id }), tights), 'brand', 'Laufwerk');
    expect(brandWeight('PRODUCT_VIEW')).toBeLessThan(brandWeight('PRODUCT_CLICK'));
    expect(brandWeight('PRODUCT_CLICK')).toBeLessThan(brandWeight('ADD_TO_CART'));
    expect(brandWeight('ADD_TO_CART')).toBeLessThan(brandWeight('PURCHASE'));
  });

  it('gives every filter value its own signal of the filter weight', () => {
    const signals = signalsOf(
      touchpointEvent('SEARCH', now, {
        search: searchFor({
          sizes: ['XL'],
          colors: ['schwarz', 'blau'],
          brands: ['Laufwerk'],
          categories: ['Hemden'],
        }),
      }),
      undefined,
    );
    expect(signals).toEqual([
      { dimension: 'size', value: 'XL', weight: 5 },
      { dimension: 'color', value: 'schwarz', weight: 5 },
      { dimension: 'color', value: 'blau', weight: 5 },
      { dimension: 'brand', value: 'Laufwerk', weight: 5 },
      { dimension: 'category', value: 'Hemden', weight: 5 },
    ]);
  });

  it('learns size and colour from a sku, each with the full weight', () => {
    const signals = signalsOf(
      touchpointEvent('ADD_TO_CART', now, { productId: tights.id, sku: 'JG-1-schwarz-XL' }),
      tights,
    );
    expect(signals).toEqual([
      { dimension: 'brand', value: 'Laufwerk', weight: 3 },
      { dimension: 'category', value: 'Laufhosen', weight: 3 },
      { dimension: 'size', value: 'XL', weight: 3 },
      { dimension: 'color', value: 'schwarz', weight: 3 },
    ]);
  });

  it('splits the colour weight over the colours of a product seen without a sku, and learns no size', () => {
    const signals = signalsOf(touchpointEvent('PRODUCT_VIEW', now, { productId: tights.id }), tights);
    expect(signals).toEqual([
      { dimension: 'brand', value: 'Laufwerk', weight: 1 },
      { dimension: 'category', value: 'Laufhosen', weight: 1 },
      { dimension: 'color', value: 'schwarz', weight: 0.5 },
      { dimension: 'color', value: 'blau', weight: 0.5 },
    ]);
  });

  it.each(['IMPRESSION', 'PAGE_VIEW', 'NEWSLETTER_OPEN'] as const)('learns nothing from a %s', (type) => {
    const signals = signalsOf(
      touchpointEvent(type, now, {
        productId: tights.id,
        productIds: [tights.id],
        campaignId: 'winter-sale',
        placement: 'HOME',
      }),
      tights,
    );
    expect(signals).toEqual([]);
  });

  it('learns nothing from a product event whose product is unknown', () => {
    expect(signalsOf(touchpointEvent('PURCHASE', now, { productId: 'JG-404' }), undefined)).toEqual([]);
  });
});

describe('visitorChangesOf', () => {
  const decay = new ForwardDecay(14 * 86_400_000);

  it('makes one change per visitor, holding only that visitor’s signals', () => {
    const changes = visitorChangesOf(
      [
        touchpointEvent('PRODUCT_VIEW', now, { visitorId: 'visitor-a', productId: tights.id }),
        touchpointEvent('PRODUCT_VIEW', now, { visitorId: 'visitor-b', productId: shirt.id }),
        touchpointEvent('PURCHASE', now, {
          visitorId: 'visitor-a',
          productId: tights.id,
          sku: 'JG-1-blau-M',
        }),
      ],
      products,
      decay,
    );
    expect(changes.map((change) => change.visitorId)).toEqual(['visitor-a', 'visitor-b']);
    const [visitorA, visitorB] = changes;
    expect(new Set(visitorA?.affinity.map((entry) => entry.value))).toEqual(
      new Set(['Laufwerk', 'Laufhosen', 'schwarz', 'blau', 'M']),
    );
    expect(new Set(visitorB?.affinity.map((entry) => entry.value))).toEqual(
      new Set(['Küstenwind', 'Hemden', 'weiß']),
    );
  });

  it('stores each signal as its weight grown to the event’s time', () => {
    const at = new Date(now.getTime() - 30 * minute);
    const [change] = visitorChangesOf(
      [touchpointEvent('PURCHASE', at, { productId: shirt.id, sku: 'JG-2-weiß-L' })],
      products,
      decay,
    );
    expect(change?.affinity).toContainEqual({ dimension: 'size', value: 'L', amount: decay.grow(5, at) });
  });

  it('keeps the latest event time as lastEventAt, whatever the order of events', () => {
    const latest = new Date(now.getTime() - minute);
    const [change] = visitorChangesOf(
      [
        touchpointEvent('PAGE_VIEW', new Date(now.getTime() - 20 * minute)),
        touchpointEvent('PAGE_VIEW', latest),
        touchpointEvent('PAGE_VIEW', new Date(now.getTime() - 40 * minute)),
      ],
      products,
      decay,
    );
    expect(change?.lastEventAt).toEqual(latest);
  });

  it('keeps the latest search as lastSearch, even when it does not come last', () => {
    const newer = searchFor({ sizes: ['XL'] }, new Date(now.getTime() - minute));
    const older = searchFor({ sizes: ['M'] }, new Date(now.getTime() - 10 * minute));
    const [change] = visitorChangesOf(
      [
        touchpointEvent('FILTER', newer.at, { search: newer }),
        touchpointEvent('SEARCH', older.at, { search: older }),
      ],
      products,
      decay,
    );
    expect(change?.lastSearch).toEqual(newer);
  });

  it('leaves lastSearch null for a visitor who did not search', () => {
    const [change] = visitorChangesOf(
      [touchpointEvent('PRODUCT_VIEW', now, { productId: tights.id })],
      products,
      decay,
    );
    expect(change?.lastSearch).toBeNull();
  });

  it('collects the products of PRODUCT_VIEW events as viewed, and no others', () => {
    const first = new Date(now.getTime() - 5 * minute);
    const [change] = visitorChangesOf(
      [
        touchpointEvent('PRODUCT_VIEW', first, { productId: tights.id }),
        touchpointEvent('PRODUCT_CLICK', now, { productId: shirt.id }),
        touchpointEvent('ADD_TO_CART', now, { productId: shirt.id }),
        touchpointEvent('PRODUCT_VIEW', now, { productId: tights.id }),
      ],
      products,
      decay,
    );
    expect(change?.viewed).toEqual([
      { productId: tights.id, at: first },
      { productId: tights.id, at: now },
    ]);
  });

  it('collects the products of PURCHASE events as bought, and no others', () => {
    const first = new Date(now.getTime() - 5 * minute);
    const [change] = visitorChangesOf(
      [
        touchpointEvent('PURCHASE', first, { productId: shirt.id }),
        touchpointEvent('PRODUCT_VIEW', now, { productId: tights.id }),
        touchpointEvent('ADD_TO_CART', now, { productId: tights.id }),
        touchpointEvent('PURCHASE', now, { productId: tights.id }),
      ],
      products,
      decay,
    );
    expect(change?.bought).toEqual([
      { productId: shirt.id, at: first },
      { productId: tights.id, at: now },
    ]);
  });

  it('makes no change for no events', () => {
    expect(visitorChangesOf([], products, decay)).toEqual([]);
  });
});
