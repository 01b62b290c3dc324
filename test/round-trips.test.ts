import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryProductStore } from '../shared/catalog/product-store.js';
import type { MemoryProfileStore } from '../subgraphs/profile/store/memory.js';
import { type Journey, startJourney } from './support/journey.js';
import {
  countCommands,
  createTestDatabase,
  type StorageKind,
  storageKinds,
  type TestDatabase,
} from './support/storage.js';

const visitorIds = (count: number) => Array.from({ length: count }, (_, index) => `v-batch-${index}`);

/** Every subgraph's part of a newsletter tool's page of recipients, in ONE query. */
const recipientsQuery = `query ($ids: [ID!]!) {
  visitors(ids: $ids) {
    preferences { sizes { value } }
    recentlyViewed(limit: 3) { id title }
    recommendations(placement: HOME, limit: 4) { product { id title } }
    alternatives: recommendations(placement: PRODUCT_DETAIL, productId: "JG-00001", limit: 4) { product { id } }
    newsletter(campaignId: "weekly") { subject products { id title } }
  }
}`;

type RoundTrips = Record<'profile' | 'search' | 'recommendation' | 'newsletter', number>;

// DataLoader batches all reads of one request: resolving 100 visitors costs what resolving 10
// does, per subgraph. Counted on the memory store's counters and by MongoDB command monitoring.
describe.each(storageKinds)('store round trips on the %s store', (storage: StorageKind) => {
  let journey: Journey;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = storage === 'mongodb' ? await createTestDatabase() : undefined;
    journey = await startJourney({ storage, database });
    const products = ['JG-00001', 'JG-00002', 'JG-00003'];
    const events = visitorIds(100).flatMap((visitorId, index) => [
      { visitorId, type: 'FILTER', search: { filters: { sizes: [['S', 'M', 'L', 'XL'][index % 4]] } } },
      { visitorId, type: 'PRODUCT_VIEW', productId: products[index % 3] },
    ]);
    const { data } = await journey.query<{ track: { accepted: number } }>(
      `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
      { events },
    );
    expect(data?.track.accepted).toBe(200);
    const consents = visitorIds(100)
      .map(
        (id, index) =>
          `c${index}: setConsent(visitorId: "${id}", consent: { newsletter: true }) { newsletter }`,
      )
      .join('\n');
    const { errors } = await journey.query(`mutation { ${consents} }`);
    expect(errors).toBeUndefined();
  });
  afterAll(async () => {
    await journey?.stop();
    await database?.drop();
  });

  async function roundTripsFor(ids: string[]): Promise<RoundTrips> {
    const memory = (app: { products: unknown }) => app.products as MemoryProductStore;
    const profileStore = journey.profile.store as MemoryProfileStore;
    const before =
      storage === 'memory'
        ? {
            profile: profileStore.roundTrips + memory(profileStore).roundTrips,
            search: memory(journey.search).roundTrips,
            recommendation: memory(journey.recommendation).roundTrips,
            newsletter: memory(journey.newsletter).roundTrips,
          }
        : undefined;
    const commands = database === undefined ? undefined : countCommands(database.client);
    const { data, errors } = await journey.query<{ visitors: { recommendations: unknown[] }[] }>(
      recipientsQuery,
      {
        ids,
      },
    );
    commands?.stop();
    expect(errors).toBeUndefined();
    expect(data?.visitors).toHaveLength(ids.length);
    for (const recipient of data?.visitors ?? []) expect(recipient.recommendations).toHaveLength(4);
    if (commands !== undefined) {
      return {
        profile: commands.byCollection('profile_visitors') + commands.byCollection('profile_products'),
        search: commands.byCollection('search_products'),
        recommendation: commands.byCollection('recommendation_products'),
        newsletter: commands.byCollection('newsletter_products'),
      };
    }
    return {
      profile: profileStore.roundTrips + memory(profileStore).roundTrips - (before?.profile ?? 0),
      search: memory(journey.search).roundTrips - (before?.search ?? 0),
      recommendation: memory(journey.recommendation).roundTrips - (before?.recommendation ?? 0),
      newsletter: memory(journey.newsletter).roundTrips - (before?.newsletter ?? 0),
    };
  }

  it('resolves 100 visitors with as many round trips per subgraph as 10 visitors', async () => {
    const ten = await roundTripsFor(visitorIds(10));
    const hundred = await roundTripsFor(visitorIds(100));
    console.info(`round trips (${storage}) for 10 visitors`, ten, 'for 100 visitors', hundred);
    expect(hundred).toEqual(ten);
    for (const count of Object.values(hundred)) expect(count).toBeLessThanOrEqual(3);
  });
});
