import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { product } from '../../../test/support/catalog-fixtures.js';
import {
  EventRejected,
  limits,
  type TrackEventInput,
  type ValidationContext,
  validateEvent,
} from '../events.js';
import { type EventType, eventTypes } from '../../../shared/touchpoints.js';
import { Vocabulary } from '../vocabulary.js';
import { shirt, tights } from './fixtures.js';

const now = new Date('2026-11-23T10:00:00Z');
const minute = 60_000;
const day = 86_400_000;

function contextWith(products: Product[] = [tights, shirt]): ValidationContext {
  return {
    products: new Map(products.map((entry) => [entry.id, entry])),
    vocabulary: new Vocabulary(products),
    now,
    maxClockSkewMs: 5 * minute,
    maxAgeMs: 180 * day,
  };
}

const context = contextWith();

/** An event of `type` carrying every field any type requires, so it passes as it is. */
function completeEvent(type: EventType, overrides: Partial<TrackEventInput> = {}): TrackEventInput {
  return {
    visitorId: 'visitor-1',
    type,
    productId: tights.id,
    productIds: [tights.id, shirt.id],
    search: { query: 'laufhose' },
    campaignId: 'winter-sale',
    placement: 'HOME',
    ...overrides,
  };
}

function rejectionOf(input: TrackEventInput, validation: ValidationContext = context): string {
  try {
    validateEvent(input, validation);
  } catch (error) {
    if (error instanceof EventRejected) return error.message;
    throw error;
  }
  throw new Error(`expected ${input.type} to be rejected, but it was accepted`);
}

/** The rules of `requiredFields` in events.ts, restated: what each type must carry. */
const requiredFields: Record<EventType, (keyof TrackEventInput)[]> = {
  PAGE_VIEW: [],
  PRODUCT_VIEW: ['productId'],
  PRODUCT_CLICK: ['productId'],
  SEARCH: ['search'],
  FILTER: ['search'],
  ADD_TO_CART: ['productId'],
  PURCHASE: ['productId'],
  IMPRESSION: ['productIds', 'placement'],
  RECOMMENDATION_CLICK: ['productId', 'placement'],
  NEWSLETTER_OPEN: ['campaignId'],
  NEWSLETTER_CLICK: ['campaignId', 'productId'],
};
const requirements = eventTypes.flatMap((type) => requiredFields[type].map((field) => ({ type, field })));

describe('validateEvent', () => {
  describe('required fields', () => {
    it.each(eventTypes)('accepts a %s that carries what its type requires', (type) => {
      expect(validateEvent(completeEvent(type), context).type).toBe(type);
    });

    it.each(requirements)('rejects a $type without $field and names the field', ({ type, field }) => {
      expect(rejectionOf(completeEvent(type, { [field]: null }))).toBe(`${type} needs ${field}`);
      expect(rejectionOf(completeEvent(type, { [field]: undefined }))).toBe(`${type} needs ${field}`);
    });

    it('rejects an IMPRESSION with an empty productIds list', () => {
      expect(rejectionOf(completeEvent('IMPRESSION', { productIds: [] }))).toBe(
        'IMPRESSION needs productIds',
      );
    });

    it('accepts a PAGE_VIEW that carries nothing but the visitor', () => {
      expect(validateEvent({ visitorId: 'visitor-1', type: 'PAGE_VIEW' }, context).productId).toBeNull();
    });
  });

  describe('products and variants', () => {
    it('rejects an unknown productId and names it', () => {
      expect(rejectionOf({ visitorId: 'visitor-1', type: 'PRODUCT_VIEW', productId: 'JG-404' })).toBe(
        'productId: unknown product "JG-404"',
      );
    });

    it('rejects an unknown id among productIds and names it', () => {
      expect(
        rejectionOf({
          visitorId: 'visitor-1',
          type: 'IMPRESSION',
          placement: 'HOME',
          productIds: [tights.id, 'JG-404'],
        }),
      ).toBe('productIds: unknown product "JG-404"');
    });

    it('rejects a sku that is not a variant of the product', () => {
      const event: TrackEventInput = {
        visitorId: 'visitor-1',
        type: 'ADD_TO_CART',
        productId: tights.id,
        sku: shirt.variants[0]?.sku ?? null,
      };
      expect(rejectionOf(event)).toBe('sku "JG-2-weiß-L" is not a variant of product "JG-1"');
    });

    it('rejects a sku without productId', () => {
      expect(rejectionOf({ visitorId: 'visitor-1', type: 'PAGE_VIEW', sku: 'JG-1-schwarz-XL' })).toBe(
        'sku needs productId',
      );
    });

    it('keeps a sku that is a variant of the product', () => {
      const event = validateEvent(
        { visitorId: 'visitor-1', type: 'PURCHASE', productId: tights.id, sku: 'JG-1-schwarz-XL' },
        context,
      );
      expect(event.sku).toBe('JG-1-schwarz-XL');
    });

    it(`rejects more than ${limits.productIdsPerImpression} productIds`, () => {
      const many = Array.from({ length: limits.productIdsPerImpression + 1 }, (_, index) =>
        product(`JG-${index}`, { brand: 'Laufwerk', category: 'Laufhosen', variants: [['M', 'blau', 3]] }),
      );
      const impression = (products: Product[]): TrackEventInput => ({
        visitorId: 'visitor-1',
        type: 'IMPRESSION',
        placement: 'SEARCH',
        productIds: products.map((entry) => entry.id),
      });
      expect(rejectionOf(impression(many), contextWith(many))).toBe('productIds has more than 100 ids');
      const allowed = many.slice(0, limits.productIdsPerImpression);
      expect(validateEvent(impression(allowed), contextWith(many)).productIds).toHaveLength(100);
    });
  });

  describe('visitorId', () => {
    it.each([
      ['too short', 'abc'],
      ['too long', 'v'.repeat(65)],
      ['with a space', 'visitor 1'],
      ['with a dot', 'visitor.1'],
      ['empty', ''],
    ])('rejects a visitorId %s', (_, visitorId) => {
      expect(rejectionOf({ visitorId, type: 'PAGE_VIEW' })).toBe(
        'visitorId must be 4-64 letters, digits, "_" or "-"',
      );
    });

    it.each(['abcd', 'v'.repeat(64), 'Visitor_1-a'])('accepts the visitorId "%s"', (visitorId) => {
      expect(validateEvent({ visitorId, type: 'PAGE_VIEW' }, context).visitorId).toBe(visitorId);
    });
  });

  describe('time', () => {
    const at = (time: number): TrackEventInput => ({
      visitorId: 'visitor-1',
      type: 'PAGE_VIEW',
      at: new Date(time),
    });

    it('rejects an event further in the future than maxClockSkewMs', () => {
      expect(rejectionOf(at(now.getTime() + 5 * minute + 1))).toBe(
        'at 2026-11-23T10:05:00.001Z lies in the future',
      );
    });

    it('accepts an event ahead by no more than maxClockSkewMs', () => {
      expect(validateEvent(at(now.getTime() + 5 * minute), context).at).toEqual(
        new Date('2026-11-23T10:05:00Z'),
      );
    });

    it('rejects an event older than maxAgeMs', () => {
      expect(rejectionOf(at(now.getTime() - 180 * day - 1))).toBe(
        'at 2026-05-27T09:59:59.999Z is older than the retention period',
      );
    });

    it('accepts an event exactly maxAgeMs old', () => {
      expect(validateEvent(at(now.getTime() - 180 * day), context).at).toEqual(
        new Date(now.getTime() - 180 * day),
      );
    });

    it('dates an event without `at` at the time it is received', () => {
      expect(validateEvent({ visitorId: 'visitor-1', type: 'PAGE_VIEW' }, context).at).toEqual(now);
    });
  });

  describe('search', () => {
    const search = (searchInput: TrackEventInput['search']): TrackEventInput => ({
      visitorId: 'visitor-1',
      type: 'FILTER',
      search: searchInput,
    });

    it.each([
      ['sizes', 'size', 'XXS'],
      ['colors', 'color', 'lila'],
      ['brands', 'brand', 'Nobrand'],
      ['categories', 'category', 'Socken'],
    ] as const)('rejects %s the catalog does not know and names the value', (filter, dimension, value) => {
      expect(rejectionOf(search({ filters: { [filter]: [value] } }))).toBe(
        `search.filters: unknown ${dimension} "${value}"`,
      );
    });

    it('maps filter values to the catalog spelling and drops duplicates', () => {
      const event = validateEvent(
        search({ filters: { sizes: ['xl', 'XL', ' m '], colors: ['Schwarz'], brands: ['laufwerk'] } }),
        context,
      );
      expect(event.search).toMatchObject({ sizes: ['XL', 'M'], colors: ['schwarz'], brands: ['Laufwerk'] });
    });

    it(`rejects more than ${limits.filterValues} values of one filter`, () => {
      const sizes = Array.from({ length: limits.filterValues + 1 }, () => 'XL');
      expect(rejectionOf(search({ filters: { sizes } }))).toBe('search.filters has more than 20 size values');
    });

    it('rejects priceMin above priceMax', () => {
      expect(rejectionOf(search({ filters: { priceMin: 50, priceMax: 20 } }))).toBe(
        'search.filters.priceMin is above priceMax',
      );
    });

    it('accepts priceMin equal to priceMax', () => {
      expect(
        validateEvent(search({ filters: { priceMin: 20, priceMax: 20 } }), context).search,
      ).toMatchObject({
        priceMin: 20,
        priceMax: 20,
      });
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a priceMin of %s', (priceMin) => {
      expect(rejectionOf(search({ filters: { priceMin } }))).toBe(
        'search.filters.priceMin must be 0 or more',
      );
    });

    it(`rejects a query longer than ${limits.queryLength} characters`, () => {
      expect(rejectionOf(search({ query: 'a'.repeat(limits.queryLength + 1) }))).toBe(
        'search.query is longer than 200 characters',
      );
    });

    it('measures the query after trimming it and keeps a blank query as null', () => {
      const padded = validateEvent(search({ query: ` ${'a'.repeat(limits.queryLength)} ` }), context);
      expect(padded.search?.query).toBe('a'.repeat(limits.queryLength));
      expect(validateEvent(search({ query: '   ' }), context).search?.query).toBeNull();
    });
  });

  it('rejects a campaignId with characters outside letters, digits, "_" and "-"', () => {
    expect(rejectionOf({ visitorId: 'visitor-1', type: 'NEWSLETTER_OPEN', campaignId: 'winter sale' })).toBe(
      'campaignId must be 1-64 letters, digits, "_" or "-"',
    );
  });

  it('gives a valid event an id, its receivedAt and the catalog spelling of its filters', () => {
    const at = new Date(now.getTime() - 10 * minute);
    const event = validateEvent(
      {
        visitorId: 'visitor-1',
        type: 'SEARCH',
        at,
        search: { query: ' laufhose ', filters: { sizes: ['xl'], categories: ['laufhosen'], priceMax: 60 } },
      },
      context,
    );
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      visitorId: 'visitor-1',
      type: 'SEARCH',
      at,
      receivedAt: now,
      productId: null,
      sku: null,
      productIds: null,
      search: {
        query: 'laufhose',
        sizes: ['XL'],
        colors: [],
        brands: [],
        categories: ['Laufhosen'],
        priceMin: null,
        priceMax: 60,
        at,
      },
      campaignId: null,
      placement: null,
    });
  });

  it('gives every event an id of its own', () => {
    const input: TrackEventInput = { visitorId: 'visitor-1', type: 'PAGE_VIEW' };
    expect(validateEvent(input, context).id).not.toBe(validateEvent(input, context).id);
  });

  it('drops repeated productIds', () => {
    const event = validateEvent(
      {
        visitorId: 'visitor-1',
        type: 'IMPRESSION',
        placement: 'CART',
        productIds: [tights.id, shirt.id, tights.id],
      },
      context,
    );
    expect(event.productIds).toEqual([tights.id, shirt.id]);
  });
});
