import { describe, expect, it } from 'vitest';
import { type StreamedEvent, visitorForgotten } from '../bus/event-stream.js';
import { decayEpoch, ForwardDecay } from '../decay.js';
import { reactionIncrementsOf } from './learn.js';
import type { ReactionIncrement } from './reactions.js';

const day = 86_400_000;
const decay = new ForwardDecay(7 * day);
/** At the decay epoch an event grows by exactly its weight, which keeps the expected sums plain. */
const atEpoch = new Date(decayEpoch).toISOString();

function event(overrides: Partial<StreamedEvent> & Pick<StreamedEvent, 'type'>): StreamedEvent {
  return {
    id: 'e',
    visitorId: 'anna',
    at: atEpoch,
    productId: null,
    sku: null,
    productIds: null,
    placement: null,
    campaignId: null,
    ...overrides,
  };
}

/** Increments in a fixed order, to compare with what was expected regardless of event order. */
function sorted(increments: ReactionIncrement[]): ReactionIncrement[] {
  return [...increments].sort(
    (a, b) => (a.placement ?? '').localeCompare(b.placement ?? '') || a.productId.localeCompare(b.productId),
  );
}

describe('reactionIncrementsOf', () => {
  it('counts each product of an impression as shown once at its placement', () => {
    const increments = reactionIncrementsOf(
      [
        event({ type: 'IMPRESSION', placement: 'SEARCH', productIds: ['p1', 'p2', 'p1'] }),
        event({ type: 'IMPRESSION', placement: 'SEARCH', productIds: ['p2'] }),
        event({ type: 'IMPRESSION', placement: 'HOME', productIds: ['p2'] }),
      ],
      decay,
    );
    expect(sorted(increments)).toEqual([
      { placement: 'HOME', productId: 'p2', shown: 1, clicked: 0, interest: 0 },
      { placement: 'SEARCH', productId: 'p1', shown: 1, clicked: 0, interest: 0 },
      { placement: 'SEARCH', productId: 'p2', shown: 2, clicked: 0, interest: 0 },
    ]);
  });

  it('counts a click in a list as clicked at its placement, and as interest in the product', () => {
    const increments = reactionIncrementsOf(
      [
        event({ type: 'RECOMMENDATION_CLICK', productId: 'p1', placement: 'PRODUCT_DETAIL' }),
        event({ type: 'PRODUCT_CLICK', productId: 'p2', placement: 'SEARCH' }),
        event({ type: 'NEWSLETTER_CLICK', productId: 'p3', campaignId: 'weekly' }),
      ],
      decay,
    );
    expect(sorted(increments)).toEqual([
      { placement: null, productId: 'p1', shown: 0, clicked: 0, interest: 1 },
      { placement: null, productId: 'p2', shown: 0, clicked: 0, interest: 1 },
      { placement: null, productId: 'p3', shown: 0, clicked: 0, interest: 1 },
      { placement: 'NEWSLETTER', productId: 'p3', shown: 0, clicked: 1, interest: 0 },
      { placement: 'PRODUCT_DETAIL', productId: 'p1', shown: 0, clicked: 1, interest: 0 },
      { placement: 'SEARCH', productId: 'p2', shown: 0, clicked: 1, interest: 0 },
    ]);
  });

  it('counts a product click from no list only as interest', () => {
    expect(reactionIncrementsOf([event({ type: 'PRODUCT_CLICK', productId: 'p1' })], decay)).toEqual([
      { placement: null, productId: 'p1', shown: 0, clicked: 0, interest: 1 },
    ]);
  });

  it('weighs interest by what the visitor did: a view 1, a cart 3, a purchase 5', () => {
    const increments = reactionIncrementsOf(
      [
        event({ type: 'PRODUCT_VIEW', productId: 'viewed' }),
        event({ type: 'ADD_TO_CART', productId: 'carted', sku: 'carted-m' }),
        event({ type: 'PURCHASE', productId: 'bought', sku: 'bought-m' }),
        event({ type: 'PRODUCT_VIEW', productId: 'bought' }),
      ],
      decay,
    );
    expect(sorted(increments)).toEqual([
      { placement: null, productId: 'bought', shown: 0, clicked: 0, interest: 6 },
      { placement: null, productId: 'carted', shown: 0, clicked: 0, interest: 3 },
      { placement: null, productId: 'viewed', shown: 0, clicked: 0, interest: 1 },
    ]);
  });

  it('sums a whole session per placement and product, the later events growing by the decay', () => {
    const halfLifeLater = new Date(decayEpoch + 7 * day).toISOString();
    const increments = reactionIncrementsOf(
      [
        event({ type: 'IMPRESSION', placement: 'SEARCH', productIds: ['p1', 'p2'] }),
        event({ type: 'PRODUCT_CLICK', productId: 'p1', placement: 'SEARCH' }),
        event({ type: 'IMPRESSION', placement: 'SEARCH', productIds: ['p1'], at: halfLifeLater }),
        event({ type: 'PRODUCT_CLICK', productId: 'p1', placement: 'SEARCH', at: halfLifeLater }),
      ],
      decay,
    );
    expect(sorted(increments)).toEqual([
      { placement: null, productId: 'p1', shown: 0, clicked: 0, interest: 3 },
      { placement: 'SEARCH', productId: 'p1', shown: 3, clicked: 3, interest: 0 },
      { placement: 'SEARCH', productId: 'p2', shown: 1, clicked: 0, interest: 0 },
    ]);
  });

  it('learns nothing from events that are no reaction to a product', () => {
    expect(
      reactionIncrementsOf(
        [
          event({ type: visitorForgotten }),
          event({ type: 'PAGE_VIEW' }),
          event({ type: 'SEARCH' }),
          event({ type: 'NEWSLETTER_OPEN', campaignId: 'weekly' }),
          event({ type: 'NEWSLETTER_CLICK', campaignId: 'weekly' }),
          event({ type: 'IMPRESSION', productIds: ['p1'] }),
          event({ type: 'IMPRESSION', placement: 'HOME' }),
          event({ type: 'PRODUCT_VIEW', productId: 'p1', at: 'not a date' }),
        ],
        decay,
      ),
    ).toEqual([]);
  });
});
