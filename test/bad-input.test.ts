import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './support/journey.js';

// Every input from outside is checked: a clear error that names what is wrong, nothing stored
// half-way, and the service keeps serving.
describe('bad input through the gateway', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney({ storage: 'memory' });
    // A known visitor: `visitor(id)` is null for ids the profile has never seen.
    await journey.query(
      `mutation { track(events: [{ visitorId: "v-bad-input", type: PAGE_VIEW }]) { accepted } }`,
    );
  });
  afterAll(async () => {
    await journey?.stop();
  });

  const firstError = async (query: string, variables?: Record<string, unknown>) => {
    const { errors } = await journey.query(query, variables);
    expect(errors).toBeDefined();
    return errors?.[0];
  };

  it.each([
    ['a negative limit', -1],
    ['a zero limit', 0],
    ['a huge limit', 1_000_000],
  ])('refuses %s for recommendations and names the argument', async (_, limit) => {
    const error = await firstError(
      `query ($limit: Int) { visitor(id: "v-bad-input") { recommendations(placement: HOME, limit: $limit) { score } } }`,
      { limit },
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('limit must be from 1 to 50');
  });

  it('refuses a negative recentlyViewed limit', async () => {
    await journey.query(
      `mutation { track(events: [{ visitorId: "v-bad-input", type: PAGE_VIEW }]) { accepted } }`,
    );
    const error = await firstError(`{ visitor(id: "v-bad-input") { recentlyViewed(limit: -5) { id } } }`);
    expect(error?.extensions?.argument).toBe('limit');
  });

  it('answers NOT_FOUND for recommendations next to an unknown product', async () => {
    const error = await firstError(
      `{ visitor(id: "v-bad-input") { recommendations(placement: PRODUCT_DETAIL, productId: "JG-NOPE") { score } } }`,
    );
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toContain('JG-NOPE');
  });

  it('asks for productId on PRODUCT_DETAIL', async () => {
    const error = await firstError(
      `{ visitor(id: "v-bad-input") { recommendations(placement: PRODUCT_DETAIL) { score } } }`,
    );
    expect(error?.extensions?.argument).toBe('productId');
  });

  it('answers null for an unknown product and NOT_FOUND for an unknown campaign', async () => {
    const { data } = await journey.query<{ product: null }>(`{ product(id: "JG-NOPE") { id } }`);
    expect(data?.product).toBeNull();
    const error = await firstError(
      `{ visitor(id: "v-bad-input") { newsletter(campaignId: "nope") { subject } } }`,
    );
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toContain('campaign "nope"');
  });

  it('refuses more than 1,000 events in one call and stores none of them', async () => {
    const events = Array.from({ length: 1_001 }, () => ({ visitorId: 'v-flood', type: 'PAGE_VIEW' }));
    const error = await firstError(
      `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
      { events },
    );
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('1001 events');
    expect(await journey.profile.store.eventsOf('v-flood')).toEqual([]);
  });

  it('refuses more than 500 visitors in one batch', async () => {
    const ids = Array.from({ length: 501 }, (_, index) => `v-many-${index}`);
    const error = await firstError(`query ($ids: [ID!]!) { visitors(ids: $ids) { id } }`, { ids });
    expect(error?.extensions?.argument).toBe('ids');
    expect(error?.message).toContain('501 ids');
  });

  it('refuses an unknown event type and names the value', async () => {
    const error = await firstError(
      `mutation { track(events: [{ visitorId: "v-bad-input", type: TELEPORT }]) { accepted } }`,
    );
    expect(error?.message).toContain('TELEPORT');
  });

  it('stores the valid events of a batch and lists the others with their reasons', async () => {
    const { data } = await journey.query<{
      track: { accepted: number; rejected: { index: number; reason: string }[] };
    }>(
      `mutation { track(events: [
        { visitorId: "v-partial", type: PRODUCT_VIEW, productId: "JG-00001" },
        { visitorId: "v-partial", type: PRODUCT_VIEW, productId: "JG-NOPE" },
        { visitorId: "v-partial", type: SEARCH },
        { visitorId: "v-partial", type: FILTER, search: { filters: { sizes: ["XXXXL"] } } },
        { visitorId: "v-partial", type: PAGE_VIEW, at: "2999-01-01T00:00:00Z" }
      ]) { accepted rejected { index reason } } }`,
    );
    expect(data?.track.accepted).toBe(1);
    expect(data?.track.rejected).toEqual([
      { index: 1, reason: 'productId: unknown product "JG-NOPE"' },
      { index: 2, reason: 'SEARCH needs search' },
      { index: 3, reason: 'search.filters: unknown size "XXXXL"' },
      { index: 4, reason: 'at 2999-01-01T00:00:00.000Z lies in the future' },
    ]);
    expect((await journey.profile.store.eventsOf('v-partial')).map((event) => event.productId)).toEqual([
      'JG-00001',
    ]);
  });

  it('refuses a malformed DateTime and an invalid visitor id', async () => {
    const date = await firstError(
      `mutation { track(events: [{ visitorId: "v-bad-input", type: PAGE_VIEW, at: "yesterday" }]) { accepted } }`,
    );
    expect(date?.message).toContain('DateTime must be an ISO 8601 string');
    const id = await firstError(`{ visitor(id: "a b") { id } }`);
    expect(id?.extensions?.argument).toBe('id');
  });

  it('refuses a 10 KB search query, and a bad cursor', async () => {
    const long = await firstError(`query ($q: String) { search(input: { query: $q }) { total } }`, {
      q: 'x'.repeat(10_000),
    });
    expect(long?.extensions?.argument).toBe('input.query');
    const cursor = await firstError(`{ search(input: { after: "bm9wZQ" }) { total } }`);
    expect(cursor?.extensions?.argument).toBe('input.after');
  });

  it('answers a body that is not JSON with 400 and a body over the limit with 413', async () => {
    const notJson = await fetch(journey.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ "query": ',
    });
    expect(notJson.status).toBe(400);
    const huge = await fetch(journey.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('keeps serving everyone after all of the above', async () => {
    const { data, errors } = await journey.query<{ product: { id: string } }>(
      `{ product(id: "JG-00001") { id } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.product.id).toBe('JG-00001');
  });
});
