import { randomBytes } from 'node:crypto';
import { createClient as createGraphQLClient } from 'graphql-ws';
import { createClient as createRedisClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type Journey, startTwinJourneys, startVisit } from './support/journey.js';
import { createTestDatabase, hasMongo, redisUrl, type TestDatabase } from './support/storage.js';

// Issue 4: two gateways, two profile instances, one MongoDB and one Redis. A subscriber on
// gateway A sees a change tracked through gateway B.
describe.skipIf(!hasMongo || redisUrl === undefined)('several instances behind Redis', () => {
  let database: TestDatabase;
  let first: Journey;
  let second: Journey;
  const prefix = `jg-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    [first, second] = await startTwinJourneys(database, redisUrl as string, prefix);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await database?.drop();
    const redis = createRedisClient({ url: redisUrl });
    await redis.connect();
    await redis.del([`${prefix}:events`]);
    await redis.quit();
  });

  it('pushes a change tracked through gateway B to a subscriber on gateway A', async () => {
    const { visitorId, token } = await startVisit(first);
    const client = createGraphQLClient({
      url: first.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const messages = client.iterate({
        query: `subscription ($id: ID!) { visitorUpdated(id: $id) {
          preferences { sizes { value } }
          recommendations(placement: HOME, limit: 3) { product { variants { size inStock } } }
        } }`,
        variables: { id: visitorId },
      });
      const message = messages.next();
      await vi.waitFor(() => expect(first.gateway.upstreamSockets()).toBe(1));
      const tracked = await second.query<{ track: { accepted: number } }>(
        `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
        { events: [{ visitorId, type: 'FILTER', search: { filters: { sizes: ['L'] } } }] },
        `Bearer ${token}`,
      );
      expect(tracked.data?.track.accepted).toBe(1);
      const pushed = (await message).value as {
        data: {
          visitorUpdated: {
            preferences: { sizes: { value: string }[] };
            recommendations: { product: { variants: { size: string; inStock: boolean }[] } }[];
          };
        };
      };
      expect(pushed.data.visitorUpdated.preferences.sizes[0]?.value).toBe('L');
      for (const { product } of pushed.data.visitorUpdated.recommendations) {
        expect(product.variants.some((variant) => variant.size === 'L' && variant.inStock)).toBe(true);
      }
      await messages.return?.();
    } finally {
      await client.dispose();
    }
  });
});
