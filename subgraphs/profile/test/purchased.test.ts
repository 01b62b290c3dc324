import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerHeader, signCallerAssertion } from '../../../shared/auth/caller-assertion.js';
import { scopes } from '../../../shared/auth/caller.js';
import { withDevelopmentSecrets } from '../../../shared/config/secrets.js';
import { demoFeedSample } from '../../../test/support/feeds.js';
import { createTestDatabase, storageKinds, type TestDatabase } from '../../../test/support/storage.js';
import { buildApp, type ProfileApp } from '../app.js';
import { readProfileConfig } from '../config.js';

// Enough products to buy more than `purchased` lists, few enough for FerretDB to import quickly.
const feed = demoFeedSample(120);
const minute = 60_000;

function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * minute).toISOString();
}

function newVisitorId(): string {
  return `visitor-${randomBytes(6).toString('hex')}`;
}

interface Response<TData> {
  data?: TData | null;
  errors?: { message: string }[];
}

const trackMutation = 'mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }';
const visitorQuery = `query ($id: ID!) { visitor(id: $id) { purchased { id } recentlyViewed { id } } }`;
// How the other subgraphs read it: `@requires(fields: "purchased { id }")` asks for the entity.
const entityQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Visitor { purchased { id } } }
}`;

describe.each(storageKinds)('Visitor.purchased on %s', (kind) => {
  let database: TestDatabase | undefined;
  let app: ProfileApp;
  let url: string;
  let secret: Uint8Array;
  let productIds: string[];

  async function send<TData>(query: string, variables: Record<string, unknown>): Promise<TData> {
    const assertion = await signCallerAssertion(
      { kind: 'service', name: 'profile-test', scopes: [...scopes], address: null },
      secret,
    );
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [callerHeader]: assertion },
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await response.json()) as Response<TData>;
    if (errors !== undefined || data == null) throw new Error(`query failed: ${JSON.stringify(errors)}`);
    return data;
  }

  async function track(events: Record<string, unknown>[]): Promise<void> {
    const { track: result } = await send<{ track: { accepted: number } }>(trackMutation, { events });
    expect(result.accepted).toBe(events.length);
  }

  async function purchasedOf(visitorId: string): Promise<string[]> {
    const { visitor } = await send<{ visitor: { purchased: { id: string }[] } | null }>(visitorQuery, {
      id: visitorId,
    });
    if (visitor === null) throw new Error(`visitor ${visitorId} is not known`);
    return visitor.purchased.map((product) => product.id);
  }

  const purchase = (visitorId: string, productId: string, minutes: number) => ({
    visitorId,
    type: 'PURCHASE',
    productId,
    at: minutesAgo(minutes),
  });

  beforeAll(async () => {
    if (kind === 'mongodb') database = await createTestDatabase();
    const config = readProfileConfig(
      withDevelopmentSecrets({
        HOST: '127.0.0.1',
        PROFILE_PORT: '0',
        LOG_LEVEL: 'silent',
        FEED_PATH: feed,
        ...(database === undefined ? {} : { MONGODB_URI: database.uri, MONGODB_DB: database.name }),
      }),
    );
    secret = config.subgraphSecret;
    app = await buildApp({ config, mongoClient: database?.client });
    url = await app.start();
    productIds = (await app.store.products.listAll()).map((product) => product.id).sort();
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('lists a product bought in a PURCHASE event first, most recent purchase first', async () => {
    const visitorId = newVisitorId();
    const [first, second] = productIds as [string, string];
    await track([purchase(visitorId, first, 10)]);
    expect(await purchasedOf(visitorId)).toEqual([first]);
    await track([purchase(visitorId, second, 5)]);
    expect(await purchasedOf(visitorId)).toEqual([second, first]);
    await track([purchase(visitorId, first, 1)]);
    expect(await purchasedOf(visitorId)).toEqual([first, second]);
  });

  it('has no purchases for a visitor who only looked at products', async () => {
    const visitorId = newVisitorId();
    const [viewed, carted] = productIds as [string, string];
    await track([
      { visitorId, type: 'PRODUCT_VIEW', productId: viewed, at: minutesAgo(3) },
      { visitorId, type: 'ADD_TO_CART', productId: carted, at: minutesAgo(2) },
    ]);
    const { visitor } = await send<{ visitor: { purchased: unknown[]; recentlyViewed: { id: string }[] } }>(
      visitorQuery,
      { id: visitorId },
    );
    expect(visitor.recentlyViewed).toEqual([{ id: viewed }]);
    expect(visitor.purchased).toEqual([]);
  });

  it('lists at most 100 purchases, leaving out the oldest', async () => {
    const visitorId = newVisitorId();
    const bought = productIds.slice(0, 101);
    // The first product is bought longest ago, the last most recently.
    await track(bought.map((productId, index) => purchase(visitorId, productId, 200 - index)));
    expect(await purchasedOf(visitorId)).toEqual(bought.slice(1).reverse());
  });

  it('forgets the purchases with the visitor', async () => {
    const visitorId = newVisitorId();
    const [productId] = productIds as [string];
    await track([purchase(visitorId, productId, 4)]);
    const representations = [{ __typename: 'Visitor', id: visitorId }];
    type Entities = { _entities: { purchased: { id: string }[] }[] };
    expect((await send<Entities>(entityQuery, { representations }))._entities).toEqual([
      { purchased: [{ id: productId }] },
    ]);

    const { forgetVisitor } = await send<{ forgetVisitor: boolean }>(
      'mutation ($id: ID!) { forgetVisitor(id: $id) }',
      { id: visitorId },
    );
    expect(forgetVisitor).toBe(true);

    expect((await send<{ visitor: unknown }>(visitorQuery, { id: visitorId })).visitor).toBeNull();
    expect((await send<Entities>(entityQuery, { representations }))._entities).toEqual([{ purchased: [] }]);
  });
});
