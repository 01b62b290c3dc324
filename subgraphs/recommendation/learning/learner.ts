import { type StreamedEvent, visitorForgotten } from '../../../shared/bus/event-stream.js';
import type { EventType } from '../../../shared/touchpoints.js';
import type { PairStore } from '../store/port.js';
import type { ForwardDecay } from '../../../shared/decay.js';
import type { PairIncrement, PairKind } from './pairs.js';
import { RecentActivity } from './sessions.js';

/** The events that say a visitor weighed a product, or took it. */
const pairKindOf: Partial<Record<EventType, PairKind>> = {
  PRODUCT_VIEW: 'viewed',
  PRODUCT_CLICK: 'viewed',
  RECOMMENDATION_CLICK: 'viewed',
  ADD_TO_CART: 'bought',
  PURCHASE: 'bought',
};

/**
 * Learns "viewed together" and "bought together" pairs from the event stream and adds them to
 * the pair store, one write per batch.
 */
export class PairLearner {
  /** Pairs learned but not stored yet, summed per direction: kept for the next batch. */
  private unsaved = new Map<string, PairIncrement>();

  constructor(
    private readonly store: PairStore,
    private readonly decay: ForwardDecay,
    readonly activity = new RecentActivity(),
  ) {}

  /**
   * Learns from one batch of the stream, in order. Throws when the store does not take the pairs,
   * so that the stream delivers the batch again; the pairs stay in memory for the next write
   * (the events, delivered again, form none: their products are remembered already).
   */
  async learn(events: readonly StreamedEvent[]): Promise<void> {
    for (const event of events) this.learnFrom(event);
    if (this.unsaved.size === 0) return;
    const increments = [...this.unsaved.values()];
    this.unsaved = new Map();
    try {
      await this.store.addPairs(increments);
    } catch (error) {
      for (const increment of increments) this.add(increment);
      throw error;
    }
  }

  private learnFrom(event: StreamedEvent): void {
    if (event.type === visitorForgotten) {
      this.activity.forget(event.visitorId);
      return;
    }
    const kind = pairKindOf[event.type];
    const at = new Date(event.at);
    if (kind === undefined || event.productId === null || Number.isNaN(at.getTime())) return;
    const partners = this.activity.record(event.visitorId, kind, event.productId, at);
    const amount = this.decay.grow(1, at);
    for (const partnerId of partners) {
      this.add({ anchorId: event.productId, kind, partnerId, amount });
      this.add({ anchorId: partnerId, kind, partnerId: event.productId, amount });
    }
  }

  private add(increment: PairIncrement): void {
    const key = `${increment.anchorId}\u0000${increment.kind}\u0000${increment.partnerId}`;
    const summed = this.unsaved.get(key);
    this.unsaved.set(key, { ...increment, amount: (summed?.amount ?? 0) + increment.amount });
  }
}
