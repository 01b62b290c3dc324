import { type StreamedEvent, visitorForgotten } from '../bus/event-stream.js';
import type { ForwardDecay } from '../decay.js';
import type { EventType, Placement } from '../touchpoints.js';
import type { ReactionIncrement } from './reactions.js';

/**
 * How much an event says about a visitor's interest in its product, wherever the product was
 * shown: taking it is worth more than looking at it.
 */
const interestWeights: Partial<Record<EventType, number>> = {
  PRODUCT_VIEW: 1,
  PRODUCT_CLICK: 1,
  RECOMMENDATION_CLICK: 1,
  NEWSLETTER_CLICK: 1,
  ADD_TO_CART: 3,
  PURCHASE: 5,
};

/**
 * The list a click was a reaction to. A product click without a placement came from somewhere
 * other than a list the touchpoints showed (a link, a bookmark) and says nothing about one; a
 * newsletter click always answers the newsletter.
 */
function clickedListOf(event: StreamedEvent): Placement | null {
  switch (event.type) {
    case 'RECOMMENDATION_CLICK':
    case 'PRODUCT_CLICK':
      return event.placement;
    case 'NEWSLETTER_CLICK':
      return 'NEWSLETTER';
    default:
      return null;
  }
}

/**
 * What a batch of events teaches about how visitors react to the lists they were shown: per
 * placement and product the lists that showed it and the clicks on it, and per product the
 * interest shown anywhere (with a null placement). Every amount is forward-decayed at the event's
 * time, and summed per (placement, product), so that the batch is one write per product.
 */
export function reactionIncrementsOf(
  events: readonly StreamedEvent[],
  decay: ForwardDecay,
): ReactionIncrement[] {
  const summed = new Map<string, ReactionIncrement>();
  const add = (placement: Placement | null, productId: string, amounts: Partial<ReactionIncrement>) => {
    const key = `${placement ?? ''}\u0000${productId}`;
    const increment = summed.get(key) ?? { placement, productId, shown: 0, clicked: 0, interest: 0 };
    increment.shown += amounts.shown ?? 0;
    increment.clicked += amounts.clicked ?? 0;
    increment.interest += amounts.interest ?? 0;
    summed.set(key, increment);
  };

  for (const event of events) {
    if (event.type === visitorForgotten) continue;
    const at = new Date(event.at);
    if (Number.isNaN(at.getTime())) continue;
    const one = decay.grow(1, at);

    if (event.type === 'IMPRESSION') {
      // A list shows each product once; an id twice in one impression is the tracker's repeat.
      if (event.placement === null || event.productIds === null) continue;
      for (const productId of new Set(event.productIds)) add(event.placement, productId, { shown: one });
      continue;
    }

    if (event.productId === null) continue;
    const clickedList = clickedListOf(event);
    if (clickedList !== null) add(clickedList, event.productId, { clicked: one });
    const weight = interestWeights[event.type];
    if (weight !== undefined) add(null, event.productId, { interest: weight * one });
  }
  return [...summed.values()];
}
