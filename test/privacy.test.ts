import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../shared/logging.js';
import type { VisitorChange } from '../subgraphs/profile/affinity.js';
import { sweepExpiredData } from '../subgraphs/profile/retention.js';
import { touchpointEvent } from '../subgraphs/profile/test/fixtures.js';
import { type Journey, postGraphQL, startJourney } from './support/journey.js';
import { createTestDatabase, storageKinds, type TestDatabase } from './support/storage.js';

interface Session {
  visitorId: string;
  token: string;
}

const retentionDays = 30;
const day = 86_400_000;
const minute = 60_000;
const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 JourneyTest';

/** Every document of every collection of the test database, as JSON text per collection. */
async function everyDocument(database: TestDatabase): Promise<Map<string, string[]>> {
  const db = database.client.db(database.name);
  const documents = new Map<string, string[]>();
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const found = await db.collection(name).find({}).toArray();
    documents.set(
      name,
      found.map((document) => JSON.stringify(document)),
    );
  }
  return documents;
}

/** Where `needle` occurs: `collection: document` for each document holding it. */
function occurrences(documents: Map<string, string[]>, needle: string): string[] {
  const found: string[] = [];
  for (const [collection, texts] of documents) {
    for (const text of texts) if (text.includes(needle)) found.push(`${collection}: ${text.slice(0, 300)}`);
  }
  return found;
}

/** Strings that would give away a raw address or user agent in a stored document. */
const identifying = [
  '127.0.0.1',
  '::1',
  'Mozilla',
  'Firefox',
  'user-agent',
  'userAgent',
  '"ip"',
  '"address"',
];

function change(visitorId: string, lastEventAt: Date): VisitorChange {
  return { visitorId, lastEventAt, affinity: [], viewed: [], bought: [], lastSearch: null };
}

describe.each(storageKinds)('privacy on %s', (kind) => {
  let database: TestDatabase | undefined;
  let journey: Journey;

  beforeAll(async () => {
    if (kind === 'mongodb') database = await createTestDatabase();
    journey = await startJourney({
      storage: kind,
      database,
      env: { EVENT_RETENTION_DAYS: String(retentionDays) },
    });
  });
  afterAll(async () => {
    await journey?.stop();
    await database?.drop();
  });

  const store = () => journey.profile.store;

  /** A visit started and tracked as a browser does: plain-text posts with a user agent. */
  async function browse(): Promise<Session> {
    const headers = { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': browser };
    const visit = await fetch(new URL('/visit', journey.gatewayUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify({ consent: { tracking: true } }),
    });
    expect(visit.status).toBe(200);
    const session = (await visit.json()) as Session;
    const collected = await fetch(new URL('/collect', journey.gatewayUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify({
        token: session.token,
        events: [
          { type: 'PAGE_VIEW' },
          { type: 'PRODUCT_VIEW', productId: 'JG-00001' },
          { type: 'SEARCH', search: { query: 'pullover' } },
          { type: 'ADD_TO_CART', productId: 'JG-00001' },
        ],
      }),
    });
    expect(collected.status).toBe(204);
    return session;
  }

  it('stores no raw IP address or user agent', async () => {
    const visitor = await browse();
    const events = await store().eventsOf(visitor.visitorId);
    expect(events).toHaveLength(4);
    const [record] = await store().findVisitors([visitor.visitorId]);
    expect(record).not.toBeNull();
    const stored = JSON.stringify({ events, record });
    for (const needle of identifying) expect(stored).not.toContain(needle);

    if (database !== undefined) {
      const documents = await everyDocument(database);
      expect(documents.size).toBeGreaterThan(0);
      expect(occurrences(documents, visitor.visitorId).length).toBeGreaterThan(0);
      for (const needle of identifying) expect(occurrences(documents, needle)).toEqual([]);
    }
  });

  it('forgets a visitor: the profile and every event are gone from every store', async () => {
    const visitor = await browse();
    const other = await browse();
    await postGraphQL(
      journey.gatewayUrl,
      'mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: true }) { newsletter } }',
      { id: visitor.visitorId },
      `Bearer ${visitor.token}`,
    );
    if (database !== undefined)
      expect(occurrences(await everyDocument(database), visitor.visitorId).length).toBeGreaterThan(1);
    await vi.waitFor(() => expect(journey.recommendation.activity.remembers(visitor.visitorId)).toBe(true));

    const { data, errors } = await postGraphQL<{ forgetVisitor: boolean }>(
      journey.gatewayUrl,
      'mutation ($id: ID!) { forgetVisitor(id: $id) }',
      { id: visitor.visitorId },
      `Bearer ${visitor.token}`,
    );
    expect(errors).toBeUndefined();
    expect(data?.forgetVisitor).toBe(true);

    expect(await store().eventsOf(visitor.visitorId)).toEqual([]);
    expect(await store().findVisitors([visitor.visitorId])).toEqual([null]);
    // Recommendation held the visitor's recent products to learn pairs: dropped via the stream.
    await vi.waitFor(() => expect(journey.recommendation.activity.remembers(visitor.visitorId)).toBe(false));
    expect(journey.recommendation.activity.remembers(other.visitorId)).toBe(true);
    if (database !== undefined)
      expect(occurrences(await everyDocument(database), visitor.visitorId)).toEqual([]);
    // Only that visitor.
    expect(await store().eventsOf(other.visitorId)).toHaveLength(4);

    const { data: afterwards } = await postGraphQL<{ me: null }>(
      journey.gatewayUrl,
      '{ me { id } }',
      {},
      `Bearer ${visitor.token}`,
    );
    expect(afterwards?.me).toBeNull();
  });

  it('refuses an event older than the retention period', async () => {
    const visitor = await browse();
    const tooOld = new Date(Date.now() - (retentionDays + 1) * day).toISOString();
    const { data } = await postGraphQL<{ track: { accepted: number; rejected: unknown[] } }>(
      journey.gatewayUrl,
      'mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted rejected { index reason } } }',
      { events: [{ visitorId: visitor.visitorId, type: 'PAGE_VIEW', at: tooOld }] },
      `Bearer ${visitor.token}`,
    );
    expect(data?.track).toEqual({
      accepted: 0,
      rejected: [{ index: 0, reason: expect.stringContaining('older than the retention period') }],
    });
    expect(await store().eventsOf(visitor.visitorId)).toHaveLength(4);
  });

  it('expires events before a cutoff and profiles idle since before it', async () => {
    const now = Date.now();
    const [idle, back] = [`idle-${kind}-${now}`, `back-${kind}-${now}`];
    await store().recordEvents(
      [
        touchpointEvent('PAGE_VIEW', new Date(now - 120 * minute), { visitorId: idle }),
        touchpointEvent('PAGE_VIEW', new Date(now - 90 * minute), { visitorId: back }),
        touchpointEvent('PAGE_VIEW', new Date(now - 5 * minute), { visitorId: back }),
      ],
      [change(idle, new Date(now - 120 * minute)), change(back, new Date(now - 5 * minute))],
    );

    const expired = await store().expireBefore(new Date(now - 60 * minute));

    expect(expired.events).toBeGreaterThanOrEqual(2);
    expect(expired.visitors).toBeGreaterThanOrEqual(1);
    expect(await store().findVisitors([idle, back])).toEqual([null, expect.objectContaining({ id: back })]);
    expect(await store().eventsOf(idle)).toEqual([]);
    expect((await store().eventsOf(back)).map((event) => event.at)).toEqual([new Date(now - 5 * minute)]);
  });

  it('expires data by itself or by the sweep the profile runs', async () => {
    expect(typeof store().expiresByItself).toBe('boolean');
    if (store().expiresByItself) {
      // MongoDB deletes on its own: a TTL index with the configured retention on each collection.
      if (database === undefined) throw new Error('only MongoDB expires data by itself');
      const db = database.client.db(database.name);
      for (const collection of ['profile_events', 'profile_visitors']) {
        const indexes = await db.collection(collection).indexes();
        expect(indexes).toContainEqual(
          expect.objectContaining({ name: 'retention', expireAfterSeconds: retentionDays * 86_400 }),
        );
      }
      return;
    }
    // The memory store and FerretDB: the sweep deletes what is older than the retention.
    const now = Date.now();
    const visitorId = `swept-${kind}-${now}`;
    await store().recordEvents(
      [touchpointEvent('PAGE_VIEW', new Date(now - 10 * minute), { visitorId })],
      [change(visitorId, new Date(now - 10 * minute))],
    );
    let swept: (value: unknown) => void = () => undefined;
    let failed: (reason: unknown) => void = () => undefined;
    const done = new Promise((resolve, reject) => {
      swept = resolve;
      failed = reject;
    });
    const logger = { info: (fields: unknown) => swept(fields), error: (fields: unknown) => failed(fields) };
    // A clock `retentionDays` ahead, less 5 minutes: the event is then older than the retention.
    const stop = sweepExpiredData(store(), {
      retentionDays,
      everyMinutes: 60,
      now: () => new Date(now + retentionDays * day - 5 * minute),
      logger: logger as unknown as Logger,
    });
    try {
      expect(await done).toMatchObject({ events: expect.any(Number), visitors: expect.any(Number) });
    } finally {
      stop();
    }
    expect(await store().eventsOf(visitorId)).toEqual([]);
    expect(await store().findVisitors([visitorId])).toEqual([null]);
  });

  it('records the consent state and shows it on the visitor', async () => {
    const visitor = await browse();
    const { data: set, errors } = await postGraphQL<{ setConsent: Record<string, unknown> }>(
      journey.gatewayUrl,
      'mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: false }) { tracking newsletter updatedAt } }',
      { id: visitor.visitorId },
      `Bearer ${visitor.token}`,
    );
    expect(errors).toBeUndefined();
    expect(set?.setConsent).toEqual({ tracking: true, newsletter: false, updatedAt: expect.any(String) });

    const { data } = await postGraphQL<{ visitor: { consent: Record<string, unknown> } }>(
      journey.gatewayUrl,
      'query ($id: ID!) { visitor(id: $id) { consent { tracking newsletter updatedAt } } }',
      { id: visitor.visitorId },
      `Bearer ${visitor.token}`,
    );
    expect(data?.visitor.consent).toEqual(set?.setConsent);
    const [record] = await store().findVisitors([visitor.visitorId]);
    expect(record?.consent).toEqual({ tracking: true, newsletter: false, updatedAt: expect.any(Date) });
    expect(record?.consent.updatedAt?.toISOString()).toBe(set?.setConsent.updatedAt);
  });
});
