import { describe, expect, it } from 'vitest';
import type { StreamedEvent } from '../../../shared/bus/event-stream.js';
import type { EventType } from '../../../shared/touchpoints.js';
import { ForwardDecay } from '../../../shared/decay.js';
import { PairLearner } from '../learning/learner.js';
import { minSupport, type PairIncrement, pairStrength, readPairs } from '../learning/pairs.js';
import { RecentActivity } from '../learning/sessions.js';
import { MemoryPairStore } from '../store/memory.js';

const start = new Date('2026-03-02T10:00:00Z');
const minutesLater = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const day = 86_400_000;
const halfLife = 30 * day;

describe('RecentActivity', () => {
  it("pairs a product with the ones the visitor touched before in the session, not others' products", () => {
    const activity = new RecentActivity();
    expect(activity.record('anna', 'viewed', 'p1', minutesLater(0))).toEqual([]);
    expect(activity.record('ben', 'viewed', 'p9', minutesLater(1))).toEqual([]);
    expect(activity.record('anna', 'viewed', 'p2', minutesLater(2))).toEqual(['p1']);
    expect(activity.record('anna', 'viewed', 'p3', minutesLater(3))).toEqual(['p1', 'p2']);
  });

  it('does not pair products touched more than 30 minutes apart', () => {
    const activity = new RecentActivity();
    activity.record('anna', 'viewed', 'p1', minutesLater(0));
    activity.record('anna', 'viewed', 'p2', minutesLater(20));
    expect(activity.record('anna', 'viewed', 'p3', minutesLater(31))).toEqual(['p2']);
    expect(activity.record('anna', 'viewed', 'p4', minutesLater(70))).toEqual([]);
  });

  it('counts going back and forth between two products once', () => {
    const activity = new RecentActivity();
    activity.record('anna', 'viewed', 'p1', minutesLater(0));
    expect(activity.record('anna', 'viewed', 'p2', minutesLater(1))).toEqual(['p1']);
    expect(activity.record('anna', 'viewed', 'p1', minutesLater(2))).toEqual([]);
    expect(activity.record('anna', 'viewed', 'p2', minutesLater(3))).toEqual([]);
  });

  it('keeps a product viewed again in the session, so that it pairs with the next ones', () => {
    const activity = new RecentActivity();
    activity.record('anna', 'viewed', 'p1', minutesLater(0));
    activity.record('anna', 'viewed', 'p1', minutesLater(25));
    expect(activity.record('anna', 'viewed', 'p2', minutesLater(50))).toEqual(['p1']);
  });

  it('keeps what a visitor viewed apart from what they put in the cart', () => {
    const activity = new RecentActivity();
    activity.record('anna', 'viewed', 'p1', minutesLater(0));
    expect(activity.record('anna', 'bought', 'p2', minutesLater(1))).toEqual([]);
    expect(activity.record('anna', 'bought', 'p3', minutesLater(2))).toEqual(['p2']);
    expect(activity.record('anna', 'viewed', 'p4', minutesLater(3))).toEqual(['p1']);
  });

  it('forgets the least recently active visitor when it holds as many as it may', () => {
    const activity = new RecentActivity({ maxVisitors: 2 });
    activity.record('anna', 'viewed', 'p1', minutesLater(0));
    activity.record('ben', 'viewed', 'p1', minutesLater(1));
    activity.record('anna', 'viewed', 'p2', minutesLater(2));
    activity.record('cleo', 'viewed', 'p1', minutesLater(3));
    expect(activity.size).toBe(2);
    expect(activity.record('ben', 'viewed', 'p2', minutesLater(4))).toEqual([]);
    expect(activity.record('cleo', 'viewed', 'p2', minutesLater(5))).toEqual(['p1']);
  });

  it('remembers only the most recent products of a visitor', () => {
    const activity = new RecentActivity({ maxProductsPerKind: 3 });
    for (const [minute, productId] of ['p1', 'p2', 'p3', 'p4'].entries()) {
      activity.record('anna', 'viewed', productId, minutesLater(minute));
    }
    expect(activity.record('anna', 'viewed', 'p5', minutesLater(5))).toEqual(['p2', 'p3', 'p4']);
  });

  it('pairs an event that arrives late within its own window without forgetting newer products', () => {
    const activity = new RecentActivity();
    activity.record('anna', 'viewed', 'p1', minutesLater(60));
    expect(activity.record('anna', 'viewed', 'p0', minutesLater(0))).toEqual([]);
    expect(activity.record('anna', 'viewed', 'p2', minutesLater(61))).toEqual(['p1']);
  });
});

let eventCount = 0;
function event(
  type: EventType,
  visitorId: string,
  productId: string | null,
  at: Date,
  fields: Partial<StreamedEvent> = {},
): StreamedEvent {
  eventCount += 1;
  return {
    id: `e-${eventCount}`,
    visitorId,
    type,
    at: at.toISOString(),
    productId,
    sku: null,
    productIds: null,
    placement: null,
    campaignId: null,
    ...fields,
  };
}

/** The stored pairs of `productIds`, read at `now`, rounded for comparison. */
async function weights(store: MemoryPairStore, now: Date, ...productIds: string[]) {
  const decay = new ForwardDecay(halfLife);
  const read = (sums: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(sums).map(([id, sum]) => [id, Math.round(decay.score(sum, now) * 1_000) / 1_000]),
    );
  return (await store.findPairs(productIds)).map((pairs) => ({
    viewed: read(pairs.viewed),
    bought: read(pairs.bought),
  }));
}

function learner(store = new MemoryPairStore()) {
  return { store, learner: new PairLearner(store, new ForwardDecay(halfLife)) };
}

describe('PairLearner', () => {
  it('learns "viewed together" in both directions from views and clicks', async () => {
    const { store, learner: pairs } = learner();
    await pairs.learn([
      event('PRODUCT_VIEW', 'anna', 'p1', minutesLater(0)),
      event('PRODUCT_CLICK', 'anna', 'p2', minutesLater(1), { placement: 'SEARCH' }),
      event('RECOMMENDATION_CLICK', 'anna', 'p3', minutesLater(2), { placement: 'PRODUCT_DETAIL' }),
    ]);
    expect(await weights(store, minutesLater(2), 'p1', 'p2', 'p3')).toEqual([
      { viewed: { p2: 1, p3: 1 }, bought: {} },
      { viewed: { p1: 1, p3: 1 }, bought: {} },
      { viewed: { p1: 1, p2: 1 }, bought: {} },
    ]);
  });

  it('learns "bought together" from the cart and purchases, a purchase of a product in the cart adding nothing', async () => {
    const { store, learner: pairs } = learner();
    await pairs.learn([
      event('ADD_TO_CART', 'anna', 'shoe', minutesLater(0)),
      event('ADD_TO_CART', 'anna', 'sock', minutesLater(1)),
      event('PURCHASE', 'anna', 'shoe', minutesLater(5)),
      event('PURCHASE', 'anna', 'sock', minutesLater(5)),
      event('PURCHASE', 'anna', 'cap', minutesLater(5)),
    ]);
    expect(await weights(store, minutesLater(5), 'shoe', 'cap')).toEqual([
      { viewed: {}, bought: { sock: 1, cap: 1 } },
      { viewed: {}, bought: { shoe: 1, sock: 1 } },
    ]);
  });

  it('adds up the pairs of several visitors', async () => {
    const { store, learner: pairs } = learner();
    const visitors = ['anna', 'ben', 'cleo'];
    await pairs.learn(
      visitors.flatMap((visitorId) => [
        event('PRODUCT_VIEW', visitorId, 'p1', minutesLater(0)),
        event('PRODUCT_VIEW', visitorId, 'p2', minutesLater(1)),
      ]),
    );
    expect(await weights(store, minutesLater(1), 'p1')).toEqual([{ viewed: { p2: 3 }, bought: {} }]);
  });

  it('learns nothing from events that do not show interest in one product', async () => {
    const { store, learner: pairs } = learner();
    await pairs.learn([
      event('PRODUCT_VIEW', 'anna', 'p1', minutesLater(0)),
      event('PAGE_VIEW', 'anna', null, minutesLater(1)),
      event('IMPRESSION', 'anna', null, minutesLater(2), { productIds: ['p2', 'p3'], placement: 'HOME' }),
      event('NEWSLETTER_CLICK', 'anna', 'p4', minutesLater(3), { campaignId: 'weekly' }),
      event('PRODUCT_VIEW', 'anna', 'p5', minutesLater(4), { at: 'not a date' }),
    ]);
    expect(store.roundTrips).toBe(0);
    expect(await weights(store, minutesLater(3), 'p1')).toEqual([{ viewed: {}, bought: {} }]);
  });

  it('writes once per batch', async () => {
    const { store, learner: pairs } = learner();
    await pairs.learn(
      ['p1', 'p2', 'p3', 'p4'].map((productId, minute) =>
        event('PRODUCT_VIEW', 'anna', productId, minutesLater(minute)),
      ),
    );
    expect(store.roundTrips).toBe(1);
  });

  it('learns nothing more from a batch delivered again', async () => {
    const { store, learner: pairs } = learner();
    const batch = [
      event('PRODUCT_VIEW', 'anna', 'p1', minutesLater(0)),
      event('PRODUCT_VIEW', 'anna', 'p2', minutesLater(1)),
    ];
    await pairs.learn(batch);
    await pairs.learn(batch);
    expect(await weights(store, minutesLater(1), 'p1')).toEqual([{ viewed: { p2: 1 }, bought: {} }]);
  });

  it('keeps the pairs a failing store did not take and stores them with the next batch', async () => {
    const store = new MemoryPairStore();
    let failing = true;
    const flaky = Object.assign(Object.create(store) as MemoryPairStore, {
      addPairs: async (increments: readonly PairIncrement[]) => {
        if (failing) throw new Error('store down');
        await store.addPairs(increments);
      },
    });
    const { learner: pairs } = learner(flaky);
    const batch = [
      event('PRODUCT_VIEW', 'anna', 'p1', minutesLater(0)),
      event('PRODUCT_VIEW', 'anna', 'p2', minutesLater(1)),
    ];
    await expect(pairs.learn(batch)).rejects.toThrow('store down');
    await expect(pairs.learn([event('PRODUCT_VIEW', 'ben', 'p1', minutesLater(2))])).rejects.toThrow();
    failing = false;
    await pairs.learn(batch);
    await pairs.learn([event('PRODUCT_VIEW', 'ben', 'p2', minutesLater(3))]);
    expect(await weights(store, minutesLater(3), 'p1')).toEqual([{ viewed: { p2: 2 }, bought: {} }]);
  });

  it('weighs a pair by when it was seen: half after one half-life', async () => {
    const { store, learner: pairs } = learner();
    const monthAgo = new Date(start.getTime() - halfLife);
    await pairs.learn([
      event('PRODUCT_VIEW', 'anna', 'p1', monthAgo),
      event('PRODUCT_VIEW', 'anna', 'p2', monthAgo),
      event('PRODUCT_VIEW', 'ben', 'p1', start),
      event('PRODUCT_VIEW', 'ben', 'p2', start),
      event('PRODUCT_VIEW', 'ben', 'p3', start),
    ]);
    expect(await weights(store, start, 'p1')).toEqual([{ viewed: { p2: 1.5, p3: 1 }, bought: {} }]);
    expect(await weights(store, new Date(start.getTime() + halfLife), 'p1')).toEqual([
      { viewed: { p2: 0.75, p3: 0.5 }, bought: {} },
    ]);
  });
});

describe('readPairs', () => {
  const decay = new ForwardDecay(halfLife);

  it(`keeps the pairs that weigh at least ${minSupport} now, after decay`, () => {
    const monthAgo = new Date(start.getTime() - halfLife);
    const stored = {
      viewed: { twice: decay.grow(2, start), fading: decay.grow(2, monthAgo), once: decay.grow(1, start) },
      bought: { longAgo: decay.grow(4, monthAgo) },
    };
    const learned = readPairs(stored, decay, start);
    expect([...learned.viewed.keys()]).toEqual(['twice']);
    expect(learned.viewed.get('twice')).toBeCloseTo(2);
    expect(learned.bought.get('longAgo')).toBeCloseTo(2);
  });

  it('gives a stronger pair more strength, between 0 and 1', () => {
    expect(pairStrength(0)).toBe(0);
    expect(pairStrength(2)).toBeLessThan(pairStrength(6));
    expect(pairStrength(1_000)).toBeLessThan(1);
  });
});
