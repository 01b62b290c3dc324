import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventType } from '../shared/touchpoints.js';
import { type Journey, startJourney } from './support/journey.js';
import { createTestDatabase, type StorageKind, storageKinds, type TestDatabase } from './support/storage.js';

interface Recommended {
  product: { id: string; title: string };
  reasons: string[];
}

const recommendationsQuery = `query ($id: ID!, $placement: Placement!, $productId: ID!) {
  visitor(id: $id) {
    recommendations(placement: $placement, productId: $productId, limit: 20) { product { id title } reasons }
  }
}`;

// Issue 4, point 6: the recommendation subgraph learns from the event stream which products
// visitors view together and buy together, and a visitor who never did either sees it at once.
describe.each(storageKinds)('learning from the event stream on the %s store', (storage: StorageKind) => {
  let journey: Journey;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = storage === 'mongodb' ? await createTestDatabase() : undefined;
    journey = await startJourney({ storage, database });
  });
  afterAll(async () => {
    await journey?.stop();
    await database?.drop();
  });

  async function recommendations(
    visitorId: string,
    placement: 'PRODUCT_DETAIL' | 'CART',
    productId: string,
  ): Promise<Recommended[]> {
    const { data, errors } = await journey.query<{ visitor: { recommendations: Recommended[] } }>(
      recommendationsQuery,
      { id: visitorId, placement, productId },
    );
    expect(errors).toBeUndefined();
    return data?.visitor.recommendations ?? [];
  }

  /** A visitor who has viewed a page and nothing more. */
  async function freshVisitor(name: string): Promise<string> {
    const visitorId = `${name}-${storage}`;
    const { data } = await journey.query<{ track: { accepted: number } }>(
      `mutation ($id: ID!) { track(events: [{ visitorId: $id, type: PAGE_VIEW }]) { accepted } }`,
      { id: visitorId },
    );
    expect(data?.track.accepted).toBe(1);
    return visitorId;
  }

  /** Each visitor, in a session of their own, does `type` with the products in this order. */
  async function sessions(type: EventType, visitorIds: string[], productIds: string[]): Promise<void> {
    const events = visitorIds.flatMap((visitorId) =>
      productIds.map((productId) => ({ visitorId, type, productId })),
    );
    const { data, errors } = await journey.query<{ track: { accepted: number } }>(
      `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
      { events },
    );
    expect(errors).toBeUndefined();
    expect(data?.track.accepted).toBe(events.length);
  }

  it('recommends on a product page first what other visitors viewed together with it', async () => {
    const { data } = await journey.query<{ search: { items: { id: string; title: string }[] } }>(
      `{ search(input: { query: "Laufhose", first: 1 }) { items { id title } } }`,
    );
    const anchor = data?.search.items[0] as { id: string; title: string };
    const visitorId = await freshVisitor('v-fresh-detail');
    const before = await recommendations(visitorId, 'PRODUCT_DETAIL', anchor.id);
    // The alternative likeness ranks last, so that only learning can bring it to the top.
    const viewedTogether = before.at(-1)?.product as { id: string };
    expect(before.length).toBeGreaterThan(1);

    await sessions(
      'PRODUCT_VIEW',
      ['v-viewer-1', 'v-viewer-2', 'v-viewer-3'].map((id) => `${id}-${storage}`),
      [anchor.id, viewedTogether.id],
    );

    await vi.waitFor(
      async () => {
        const [first] = await recommendations(visitorId, 'PRODUCT_DETAIL', anchor.id);
        expect(first?.product.id).toBe(viewedTogether.id);
        expect(first?.reasons[0]).toBe(`Often viewed together with ${anchor.title}`);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('recommends in the cart first what other visitors bought together with a product in it', async () => {
    const { data } = await journey.query<{ search: { items: { id: string; title: string }[] } }>(
      `{ search(input: { query: "Laufshirt", first: 1 }) { items { id title } } }`,
    );
    const inCart = data?.search.items[0] as { id: string; title: string };
    const visitorId = await freshVisitor('v-fresh-cart');
    const before = await recommendations(visitorId, 'CART', inCart.id);
    const boughtTogether = before.at(-1)?.product as { id: string };
    expect(before[0]?.reasons.join(' ')).not.toContain('bought together');

    const buyers = ['v-buyer-1', 'v-buyer-2', 'v-buyer-3'].map((id) => `${id}-${storage}`);
    await sessions('ADD_TO_CART', buyers, [inCart.id, boughtTogether.id]);

    await vi.waitFor(
      async () => {
        const found = await recommendations(visitorId, 'CART', inCart.id);
        expect(found[0]?.product.id).toBe(boughtTogether.id);
        expect(found[0]?.reasons[0]).toBe(`Often bought together with ${inCart.title}`);
        // The rest of the list is still there, filled up by taste, without duplicates.
        const ids = found.map(({ product }) => product.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(inCart.id);
        expect(found).toHaveLength(before.length);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});
