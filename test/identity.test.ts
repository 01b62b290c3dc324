import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerHeader, signCallerAssertion } from '../shared/auth/caller-assertion.js';
import { mintVisitorToken } from '../shared/auth/visitor-token.js';
import { type GraphQLResponse, type Journey, startJourney } from './support/journey.js';

/** A GraphQL request as any HTTP client makes it, with the status the server answered. */
async function send<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponse<TData> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<TData> };
}

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

interface Session {
  visitorId: string;
  token: string;
}

const startVisitMutation = `mutation ($consent: ConsentInput) { startVisit(consent: $consent) { visitorId token } }`;
const trackMutation = `mutation ($events: [TrackEventInput!]!) {
  track(events: $events) { accepted rejected { index reason } }
}`;
const visitorQuery = `query ($id: ID!) { visitor(id: $id) { id consent { tracking newsletter updatedAt } } }`;

async function startVisit(url: string, consent?: Record<string, boolean>): Promise<Session> {
  const { body } = await send<{ startVisit: Session }>(url, startVisitMutation, { consent });
  expect(body.errors).toBeUndefined();
  const session = body.data?.startVisit;
  if (session == null) throw new Error(`startVisit answered ${JSON.stringify(body)}`);
  return session;
}

const encode = (secret: string | undefined): Uint8Array => {
  if (secret === undefined) throw new TypeError('the journey runs without this secret');
  return new TextEncoder().encode(secret);
};

/** An API key with visitors:read only, for a newsletter tool. */
const readOnlyKey = 'esp-read-only-key-0123456789abcdef';

describe('identity: visitor tokens and API keys at the gateway', () => {
  let journey: Journey;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    journey = await startJourney({
      storage: 'memory',
      env: { API_KEYS: JSON.stringify([{ name: 'esp', key: readOnlyKey, scopes: ['visitors:read'] }]) },
    });
    alice = await startVisit(journey.gatewayUrl, { tracking: true });
    bob = await startVisit(journey.gatewayUrl);
  });
  afterAll(async () => {
    await journey?.stop();
  });

  it('starts a visit without credentials: a random 22-character visitor id and a token', async () => {
    const { status, body } = await send<{ startVisit: Session }>(journey.gatewayUrl, startVisitMutation);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.startVisit.visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.data?.startVisit.token.split('.')).toHaveLength(3);
    expect(body.data?.startVisit.visitorId).not.toBe(alice.visitorId);
  });

  it('lets a visitor token read me and its own visitor, consent included', async () => {
    const me = await send<{ me: { id: string } }>(
      journey.gatewayUrl,
      '{ me { id } }',
      {},
      bearer(alice.token),
    );
    expect(me.body).toEqual({ data: { me: { id: alice.visitorId } } });

    const own = await send<{ visitor: { id: string; consent: Record<string, unknown> } }>(
      journey.gatewayUrl,
      visitorQuery,
      { id: alice.visitorId },
      bearer(alice.token),
    );
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data?.visitor).toEqual({
      id: alice.visitorId,
      consent: { tracking: true, newsletter: null, updatedAt: expect.any(String) },
    });
  });

  it('refuses a visitor token another visitor with FORBIDDEN', async () => {
    const { body } = await send(journey.gatewayUrl, visitorQuery, { id: bob.visitorId }, bearer(alice.token));
    expect(body.data?.visitor ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toContain('own visitor only');
  });

  it('answers UNAUTHENTICATED to a visitor query without credentials', async () => {
    const { body } = await send(journey.gatewayUrl, visitorQuery, { id: alice.visitorId });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED to me without credentials', async () => {
    const { body } = await send(journey.gatewayUrl, '{ me { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret: HTTP 401, UNAUTHENTICATED, saying it is not valid', async () => {
    const forged = await mintVisitorToken(
      alice.visitorId,
      encode('a-secret-that-is-not-the-journeys-one!'),
      30,
    );
    const { status, body } = await send(journey.gatewayUrl, '{ me { id } }', {}, bearer(forged));
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toContain('neither a valid visitor token nor a known API key');
  });

  it('refuses an expired token: HTTP 401, UNAUTHENTICATED, saying it has expired', async () => {
    const hourAgo = Math.floor(Date.now() / 1_000) - 3_600;
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(alice.visitorId)
      .setIssuer('journeygraph')
      .setAudience('journeygraph-visitor')
      .setIssuedAt(hourAgo - 86_400)
      .setExpirationTime(hourAgo)
      .sign(encode(journey.env.VISITOR_TOKEN_SECRET));
    const { status, body } = await send(journey.gatewayUrl, '{ me { id } }', {}, bearer(expired));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toContain('expired');
  });

  it('refuses a malformed Authorization header: HTTP 401, UNAUTHENTICATED, naming the form it wants', async () => {
    const { status, body } = await send(
      journey.gatewayUrl,
      '{ me { id } }',
      {},
      { authorization: 'Basic x' },
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toContain('Bearer <visitor token | API key>');
  });

  it('accepts the events a visitor token sends for its own visitor', async () => {
    const { body } = await send<{ track: { accepted: number } }>(
      journey.gatewayUrl,
      trackMutation,
      { events: [{ visitorId: alice.visitorId, type: 'PRODUCT_VIEW', productId: 'JG-00001' }] },
      bearer(alice.token),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.track).toEqual({ accepted: 1, rejected: [] });
    expect(await journey.profile.store.eventsOf(alice.visitorId)).toEqual([
      expect.objectContaining({ type: 'PRODUCT_VIEW', productId: 'JG-00001' }),
    ]);
  });

  it('refuses events for another visitor with FORBIDDEN and stores none of the batch', async () => {
    const before = (await journey.profile.store.eventsOf(alice.visitorId)).length;
    const { body } = await send(
      journey.gatewayUrl,
      trackMutation,
      {
        events: [
          { visitorId: alice.visitorId, type: 'PAGE_VIEW' },
          { visitorId: bob.visitorId, type: 'PAGE_VIEW' },
        ],
      },
      bearer(alice.token),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toContain('events[1] is for another visitor');
    expect(await journey.profile.store.eventsOf(bob.visitorId)).toEqual([]);
    expect(await journey.profile.store.eventsOf(alice.visitorId)).toHaveLength(before);
  });

  it('lets an API key with visitors:read read visitors in batches', async () => {
    const { status, body } = await send<{ visitors: ({ id: string } | null)[] }>(
      journey.gatewayUrl,
      'query ($ids: [ID!]!) { visitors(ids: $ids) { id } }',
      { ids: [alice.visitorId, 'never-seen', bob.visitorId] },
      bearer(readOnlyKey),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { visitors: [{ id: alice.visitorId }, null, { id: bob.visitorId }] } });
  });

  it('refuses track to an API key without events:write with FORBIDDEN, naming the scope', async () => {
    const { body } = await send(
      journey.gatewayUrl,
      trackMutation,
      { events: [{ visitorId: bob.visitorId, type: 'PAGE_VIEW' }] },
      bearer(readOnlyKey),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toContain('events:write');
    expect(await journey.profile.store.eventsOf(bob.visitorId)).toEqual([]);
  });

  it('refuses a visitor token reading visitors in batches: that is for API keys', async () => {
    const { body } = await send(
      journey.gatewayUrl,
      'query ($ids: [ID!]!) { visitors(ids: $ids) { id } }',
      { ids: [alice.visitorId] },
      bearer(alice.token),
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses an unknown API key with HTTP 401', async () => {
    const { status, body } = await send(
      journey.gatewayUrl,
      'query ($ids: [ID!]!) { visitors(ids: $ids) { id } }',
      { ids: [alice.visitorId] },
      bearer('esp-unknown-key-0123456789abcdef'),
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('a request straight to a subgraph', () => {
    const meQuery = '{ me { id } }';

    it('is refused with HTTP 401 without the caller header', async () => {
      const { status, body } = await send(journey.subgraphUrls.profile, meQuery, {}, bearer(alice.token));
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toContain('only requests that come through the gateway');
    });

    it('is refused with HTTP 401 with a caller header signed by another secret', async () => {
      const forged = await signCallerAssertion(
        { kind: 'service', name: 'intruder', scopes: ['visitors:read', 'events:write'], address: null },
        encode('a-secret-that-is-not-the-journeys-one!'),
      );
      const { status, body } = await send(
        journey.subgraphUrls.profile,
        meQuery,
        {},
        { [callerHeader]: forged },
      );
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('is answered with a caller header signed by the shared secret: the secret is checked, not the path', async () => {
      const assertion = await signCallerAssertion(
        { kind: 'visitor', visitorId: alice.visitorId, address: null },
        encode(journey.env.SUBGRAPH_SECRET),
      );
      const { status, body } = await send(
        journey.subgraphUrls.profile,
        meQuery,
        {},
        { [callerHeader]: assertion },
      );
      expect(status).toBe(200);
      expect(body).toEqual({ data: { me: { id: alice.visitorId } } });
    });
  });
});

describe('identity in production', () => {
  const apiKey = 'crm-production-key-0123456789abcdef';
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney({
      storage: 'memory',
      env: {
        NODE_ENV: 'production',
        VISITOR_TOKEN_SECRET: 'visitor-token-secret-of-this-test-0123456789',
        SUBGRAPH_SECRET: 'subgraph-secret-of-this-test-0123456789abcd',
        API_KEYS: JSON.stringify([{ name: 'crm', key: apiKey, scopes: ['visitors:read', 'events:write'] }]),
      },
    });
  });
  afterAll(async () => {
    await journey?.stop();
  });

  it('refuses dev-api-key with HTTP 401 and no stack trace', async () => {
    const { status, body } = await send(
      journey.gatewayUrl,
      'query ($ids: [ID!]!) { visitors(ids: $ids) { id } }',
      { ids: ['some-visitor'] },
      bearer('dev-api-key'),
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+/);
  });

  it('accepts the configured key', async () => {
    const { status, body } = await send(
      journey.gatewayUrl,
      'query ($ids: [ID!]!) { visitors(ids: $ids) { id } }',
      { ids: ['some-visitor'] },
      bearer(apiKey),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { visitors: [null] } });
  });

  it('answers refusals of a subgraph without a stack trace', async () => {
    const visitor = await startVisit(journey.gatewayUrl);
    const responses = await Promise.all([
      send(journey.gatewayUrl, visitorQuery, { id: 'someone-else' }, bearer(visitor.token)),
      send(journey.gatewayUrl, visitorQuery, { id: 'some-visitor' }),
      send(journey.gatewayUrl, visitorQuery, { id: 'no!' }, bearer(apiKey)),
      send(journey.gatewayUrl, '{ me { id } }', {}, bearer('not-a-token')),
    ]);
    expect(responses.map(({ body }) => body.errors?.[0]?.extensions?.code)).toEqual([
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
    ]);
    for (const { body } of responses) {
      for (const error of body.errors ?? []) expect(error.extensions?.stacktrace).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/\.ts:\d+/);
    }
  });
});

describe('a flood of startVisit from one address', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney({ storage: 'memory', env: { START_VISITS_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await journey?.stop();
  });

  it('is rate-limited from the sixth call on, while other operations keep working', async () => {
    const answers: GraphQLResponse<{ startVisit: Session }>[] = [];
    for (let call = 0; call < 8; call += 1)
      answers.push((await send<{ startVisit: Session }>(journey.gatewayUrl, startVisitMutation)).body);

    const sessions = answers.slice(0, 5).map((answer) => answer.data?.startVisit);
    expect(sessions.every((session) => typeof session?.token === 'string')).toBe(true);
    for (const answer of answers.slice(5)) {
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(answer.errors?.[0]?.message).toContain('too many new visits');
    }

    const visit = await fetch(new URL('/visit', journey.gatewayUrl), { method: 'POST', body: '{}' });
    expect(visit.status).toBe(429);

    const token = sessions[0]?.token ?? '';
    const visitorId = sessions[0]?.visitorId ?? '';
    const me = await send(journey.gatewayUrl, '{ me { id } }', {}, bearer(token));
    expect(me.body).toEqual({ data: { me: { id: visitorId } } });
    const tracked = await send(
      journey.gatewayUrl,
      trackMutation,
      { events: [{ visitorId, type: 'PAGE_VIEW' }] },
      bearer(token),
    );
    expect(tracked.body.data?.track).toEqual({ accepted: 1, rejected: [] });
    const product = await send(journey.gatewayUrl, '{ product(id: "JG-00001") { id } }');
    expect(product.body).toEqual({ data: { product: { id: 'JG-00001' } } });
  });
});
