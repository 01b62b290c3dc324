import { product } from '../../../test/support/catalog-fixtures.js';
import type { EventType, TouchpointEvent } from '../events.js';

/** Laufwerk running tights JG-1 in XL schwarz and M blau, 3 of each in stock. */
export const tights = product('JG-1', {
  brand: 'Laufwerk',
  category: 'Laufhosen',
  variants: [
    ['XL', 'schwarz', 3],
    ['M', 'blau', 3],
  ],
});

/** A Küstenwind shirt JG-2 in L weiß, 3 in stock. */
export const shirt = product('JG-2', {
  brand: 'Küstenwind',
  category: 'Hemden',
  variants: [['L', 'weiß', 3]],
});

let eventCount = 0;

/**
 * A stored touchpoint event of `type` at `at`, by visitor-1 and received at `at` unless `fields`
 * says otherwise, carrying nothing else but what `fields` sets. Each gets an id of its own, as a
 * store requires.
 */
export function touchpointEvent(
  type: EventType,
  at: Date,
  fields: Partial<Omit<TouchpointEvent, 'type' | 'at'>> = {},
): TouchpointEvent {
  eventCount += 1;
  return {
    id: `event-${eventCount}`,
    visitorId: 'visitor-1',
    type,
    at,
    receivedAt: at,
    productId: null,
    sku: null,
    productIds: null,
    search: null,
    campaignId: null,
    placement: null,
    ...fields,
  };
}
