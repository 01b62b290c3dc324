import { randomUUID } from 'node:crypto';
import type { Product } from '../../shared/catalog/product.js';
import type { EventType, Placement } from '../../shared/touchpoints.js';
import type { Dimension, Vocabulary } from './vocabulary.js';

export type { EventType, Placement };

export interface SearchFiltersInput {
  sizes?: string[] | null;
  colors?: string[] | null;
  brands?: string[] | null;
  categories?: string[] | null;
  priceMin?: number | null;
  priceMax?: number | null;
}

export interface TrackEventInput {
  visitorId: string;
  type: EventType;
  at?: Date | null;
  productId?: string | null;
  sku?: string | null;
  productIds?: string[] | null;
  search?: { query?: string | null; filters?: SearchFiltersInput | null } | null;
  campaignId?: string | null;
  placement?: Placement | null;
}

/** A search as the profile remembers it: filter values in the catalog's spelling. */
export interface SearchContext {
  query: string | null;
  sizes: string[];
  colors: string[];
  brands: string[];
  categories: string[];
  priceMin: number | null;
  priceMax: number | null;
  at: Date;
}

/** A validated touchpoint event as stored. */
export interface TouchpointEvent {
  id: string;
  visitorId: string;
  type: EventType;
  at: Date;
  receivedAt: Date;
  productId: string | null;
  sku: string | null;
  productIds: string[] | null;
  search: SearchContext | null;
  campaignId: string | null;
  placement: Placement | null;
}

export const visitorIdPattern = /^[A-Za-z0-9_-]{4,64}$/;
const campaignIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const limits = {
  eventsPerCall: 1_000,
  visitorsPerCall: 500,
  productIdsPerImpression: 100,
  filterValues: 20,
  queryLength: 200,
};

type Field = 'productId' | 'productIds' | 'search' | 'campaignId' | 'placement';

/** What each event type must carry to mean anything. */
const requiredFields: Record<EventType, readonly Field[]> = {
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

export interface ValidationContext {
  products: ReadonlyMap<string, Product>;
  vocabulary: Vocabulary;
  now: Date;
  /** How far in the future an event's `at` may lie (clients' clocks drift). */
  maxClockSkewMs: number;
  /** Events older than this are refused: they would expire at once. */
  maxAgeMs: number;
}

export class EventRejected extends Error {}

function checkFilterValues(
  values: string[] | null | undefined,
  dimension: Dimension,
  vocabulary: Vocabulary,
): string[] {
  if (values == null) return [];
  if (values.length > limits.filterValues) {
    throw new EventRejected(`search.filters has more than ${limits.filterValues} ${dimension} values`);
  }
  return [
    ...new Set(
      values.map((value) => {
        const known = vocabulary.lookup(dimension, value);
        if (known === undefined)
          throw new EventRejected(`search.filters: unknown ${dimension} "${value.slice(0, 40)}"`);
        return known;
      }),
    ),
  ];
}

function checkPrice(value: number | null | undefined, name: string): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0)
    throw new EventRejected(`search.filters.${name} must be 0 or more`);
  return value;
}

function searchContextOf(
  search: NonNullable<TrackEventInput['search']>,
  at: Date,
  vocabulary: Vocabulary,
): SearchContext {
  const query = search.query?.trim() ?? '';
  if (query.length > limits.queryLength) {
    throw new EventRejected(`search.query is longer than ${limits.queryLength} characters`);
  }
  const filters = search.filters ?? {};
  const priceMin = checkPrice(filters.priceMin, 'priceMin');
  const priceMax = checkPrice(filters.priceMax, 'priceMax');
  if (priceMin !== null && priceMax !== null && priceMin > priceMax) {
    throw new EventRejected('search.filters.priceMin is above priceMax');
  }
  return {
    query: query === '' ? null : query,
    sizes: checkFilterValues(filters.sizes, 'size', vocabulary),
    colors: checkFilterValues(filters.colors, 'color', vocabulary),
    brands: checkFilterValues(filters.brands, 'brand', vocabulary),
    categories: checkFilterValues(filters.categories, 'category', vocabulary),
    priceMin,
    priceMax,
    at,
  };
}

function knownProduct(id: string, context: ValidationContext, field: string): Product {
  const product = context.products.get(id);
  if (product === undefined) throw new EventRejected(`${field}: unknown product "${id.slice(0, 64)}"`);
  return product;
}

function timeOf(input: TrackEventInput, context: ValidationContext): Date {
  const at = input.at ?? context.now;
  if (at.getTime() > context.now.getTime() + context.maxClockSkewMs) {
    throw new EventRejected(`at ${at.toISOString()} lies in the future`);
  }
  if (at.getTime() < context.now.getTime() - context.maxAgeMs) {
    throw new EventRejected(`at ${at.toISOString()} is older than the retention period`);
  }
  return at;
}

/** Checks one event; throws `EventRejected` with a reason that names the field at fault. */
export function validateEvent(input: TrackEventInput, context: ValidationContext): TouchpointEvent {
  if (!visitorIdPattern.test(input.visitorId)) {
    throw new EventRejected('visitorId must be 4-64 letters, digits, "_" or "-"');
  }
  for (const field of requiredFields[input.type]) {
    const value = input[field];
    if (value == null || (Array.isArray(value) && value.length === 0)) {
      throw new EventRejected(`${input.type} needs ${field}`);
    }
  }
  const at = timeOf(input, context);
  let sku: string | null = null;
  if (input.productId != null) {
    const product = knownProduct(input.productId, context, 'productId');
    if (input.sku != null) {
      if (!product.variants.some((variant) => variant.sku === input.sku)) {
        throw new EventRejected(
          `sku "${input.sku.slice(0, 64)}" is not a variant of product "${product.id}"`,
        );
      }
      sku = input.sku;
    }
  } else if (input.sku != null) {
    throw new EventRejected('sku needs productId');
  }
  let productIds: string[] | null = null;
  if (input.productIds != null) {
    if (input.productIds.length > limits.productIdsPerImpression) {
      throw new EventRejected(`productIds has more than ${limits.productIdsPerImpression} ids`);
    }
    productIds = [...new Set(input.productIds)];
    for (const id of productIds) knownProduct(id, context, 'productIds');
  }
  if (input.campaignId != null && !campaignIdPattern.test(input.campaignId)) {
    throw new EventRejected('campaignId must be 1-64 letters, digits, "_" or "-"');
  }
  return {
    id: randomUUID(),
    visitorId: input.visitorId,
    type: input.type,
    at,
    receivedAt: context.now,
    productId: input.productId ?? null,
    sku,
    productIds,
    search: input.search == null ? null : searchContextOf(input.search, at, context.vocabulary),
    campaignId: input.campaignId ?? null,
    placement: input.placement ?? null,
  };
}
