import type { Product } from '../../shared/catalog/product.js';
import type { ForwardDecay } from '../../shared/decay.js';
import type { SearchContext, TouchpointEvent } from './events.js';
import type { Dimension } from './vocabulary.js';

export interface AffinitySignal {
  dimension: Dimension;
  value: string;
  weight: number;
}

/**
 * How much an event says about a visitor's taste, by type. An explicit filter is the visitor
 * saying what they want, so it outweighs a look at a product; buying outweighs looking.
 */
const productWeights = {
  PRODUCT_VIEW: 1,
  PRODUCT_CLICK: 1.5,
  RECOMMENDATION_CLICK: 1.5,
  NEWSLETTER_CLICK: 1.5,
  ADD_TO_CART: 3,
  PURCHASE: 5,
} as const;
const filterWeight = 5;

function searchSignals(search: SearchContext): AffinitySignal[] {
  return [
    ...search.sizes.map((value) => ({ dimension: 'size' as const, value, weight: filterWeight })),
    ...search.colors.map((value) => ({ dimension: 'color' as const, value, weight: filterWeight })),
    ...search.brands.map((value) => ({ dimension: 'brand' as const, value, weight: filterWeight })),
    ...search.categories.map((value) => ({ dimension: 'category' as const, value, weight: filterWeight })),
  ];
}

function productSignals(product: Product, sku: string | null, weight: number): AffinitySignal[] {
  const signals: AffinitySignal[] = [
    { dimension: 'brand', value: product.brand, weight },
    { dimension: 'category', value: product.category, weight },
  ];
  const variant = sku === null ? undefined : product.variants.find((candidate) => candidate.sku === sku);
  if (variant !== undefined) {
    // Only a chosen variant tells the size; a product page alone does not.
    signals.push({ dimension: 'size', value: variant.size, weight });
    signals.push({ dimension: 'color', value: variant.color, weight });
  } else {
    // Without a variant the visitor saw every colour: each gets its share.
    for (const color of product.colors)
      signals.push({ dimension: 'color', value: color, weight: weight / product.colors.length });
  }
  return signals;
}

export function signalsOf(event: TouchpointEvent, product: Product | undefined): AffinitySignal[] {
  switch (event.type) {
    case 'SEARCH':
    case 'FILTER':
      return event.search === null ? [] : searchSignals(event.search);
    case 'PRODUCT_VIEW':
    case 'PRODUCT_CLICK':
    case 'RECOMMENDATION_CLICK':
    case 'NEWSLETTER_CLICK':
    case 'ADD_TO_CART':
    case 'PURCHASE':
      return product === undefined ? [] : productSignals(product, event.sku, productWeights[event.type]);
    case 'PAGE_VIEW':
    case 'IMPRESSION':
    case 'NEWSLETTER_OPEN':
      // Being shown something, or opening a mail, says nothing about taste by itself.
      return [];
    default: {
      const unreachable: never = event.type;
      throw new Error(`unhandled event type ${String(unreachable)}`);
    }
  }
}

/** What one `track` call changes in one visitor's profile: increments only, never overwrites. */
export interface VisitorChange {
  visitorId: string;
  lastEventAt: Date;
  /** Forward-decayed amounts to add, by dimension and value. */
  affinity: { dimension: Dimension; value: string; amount: number }[];
  viewed: { productId: string; at: Date }[];
  bought: { productId: string; at: Date }[];
  lastSearch: SearchContext | null;
}

export function visitorChangesOf(
  events: readonly TouchpointEvent[],
  products: ReadonlyMap<string, Product>,
  decay: ForwardDecay,
): VisitorChange[] {
  const changes = new Map<string, VisitorChange>();
  for (const event of events) {
    let change = changes.get(event.visitorId);
    if (change === undefined) {
      change = {
        visitorId: event.visitorId,
        lastEventAt: event.at,
        affinity: [],
        viewed: [],
        bought: [],
        lastSearch: null,
      };
      changes.set(event.visitorId, change);
    }
    if (event.at > change.lastEventAt) change.lastEventAt = event.at;
    const product = event.productId === null ? undefined : products.get(event.productId);
    for (const signal of signalsOf(event, product)) {
      change.affinity.push({
        dimension: signal.dimension,
        value: signal.value,
        amount: decay.grow(signal.weight, event.at),
      });
    }
    if (event.type === 'PRODUCT_VIEW' && event.productId !== null) {
      change.viewed.push({ productId: event.productId, at: event.at });
    }
    if (event.type === 'PURCHASE' && event.productId !== null) {
      change.bought.push({ productId: event.productId, at: event.at });
    }
    if (event.search !== null && (change.lastSearch === null || event.at >= change.lastSearch.at)) {
      change.lastSearch = event.search;
    }
  }
  return [...changes.values()];
}
