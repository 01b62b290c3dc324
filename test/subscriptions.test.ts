import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { buildApp as buildGateway } from '../gateway/app.js';
import { readGatewayConfig } from '../gateway/config.js';
import { type Journey, startJourney, startVisit } from './support/journey.js';

interface Message {
  data?: {
    visitorUpdated: {
      preferences: { sizes: { value: string; score: number }[] };
      recommendations: {
        product: { id: string; variants: { size: string; inStock: boolean }[] };
        reasons: string[];
      }[];
      newsletter: { subject: string } | null;
    };
  };
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const visitorUpdated = `subscription ($id: ID!) {
  visitorUpdated(id: $id) {
    preferences { sizes { value score } }
    recommendations(placement: HOME, limit: 4) { product { id variants { size inStock } } reasons }
    newsletter(campaignId: "weekly") { subject }
  }
}`;

const inStockIn = (message: Message, size: string) =>
  (message.data?.visitorUpdated.recommendations ?? []).every(({ product }) =>
    product.variants.some((variant) => variant.size === size && variant.inStock),
  );

/** A raw graphql-ws socket, for what the client library would never send. */
function rawSocket(url: string): { socket: WebSocket; closed: Promise<{ code: number; reason: string }> } {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, closed };
}

describe('federated subscriptions through the gateway', () => {
  let journey: Journey;
  let visitorId: string;
  let token: string;
  const clients: Client[] = [];

  const socketUrl = (httpUrl = journey.gatewayUrl) => httpUrl.replace(/^http/, 'ws');
  const connect = (authorization: string | undefined, url = socketUrl()) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: authorization === undefined ? {} : { authorization },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };
  const track = (events: unknown[], as = token) =>
    journey.query(
      `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
      { events },
      `Bearer ${as}`,
    );

  /**
   * Subscribes to the visitor's changes and waits until the gateway has opened the subscription
   * upstream; `first` is the first message to come.
   */
  const subscribeToVisitor = async () => {
    const messages = connect(`Bearer ${token}`).iterate({
      query: visitorUpdated,
      variables: { id: visitorId },
    }) as AsyncIterableIterator<Message>;
    const first = messages.next();
    await vi.waitFor(() => expect(journey.gateway.upstreamSockets()).toBe(1));
    return { messages, first };
  };

  beforeAll(async () => {
    journey = await startJourney({
      storage: 'memory',
      env: {
        CONNECTION_INIT_TIMEOUT_MS: '300',
        SUBSCRIPTIONS_PER_CONNECTION: '2',
        UPSTREAM_RETRY_ATTEMPTS: '0',
      },
    });
    ({ visitorId, token } = await startVisit(journey));
    await journey.query(
      `mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: true }) { newsletter } }`,
      { id: visitorId },
      `Bearer ${token}`,
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await journey?.stop();
  });

  it('pushes one message per change, every field recomputed from that change', async () => {
    const { messages, first } = await subscribeToVisitor();
    await track([{ visitorId, type: 'FILTER', search: { filters: { sizes: ['M'] } } }]);
    const inM = (await first).value as Message;
    expect(inM.errors).toBeUndefined();
    expect(inM.data?.visitorUpdated.preferences.sizes[0]?.value).toBe('M');
    expect(inStockIn(inM, 'M')).toBe(true);
    expect(inM.data?.visitorUpdated.newsletter?.subject).toBe('Unsere Neuheiten der Woche');

    const second = messages.next();
    const laufhosenInXl = { sizes: ['XL'], categories: ['Laufhosen'] };
    await track([
      { visitorId, type: 'FILTER', search: { filters: laufhosenInXl } },
      { visitorId, type: 'FILTER', search: { filters: laufhosenInXl } },
    ]);
    const inXl = (await second).value as Message;
    expect(inXl.data?.visitorUpdated.preferences.sizes[0]?.value).toBe('XL');
    expect(inXl.data?.visitorUpdated.recommendations).toHaveLength(4);
    expect(inStockIn(inXl, 'XL')).toBe(true);
    expect(inXl.data?.visitorUpdated.newsletter?.subject).toBe('Neue Laufhosen in XL für dich');

    await messages.return?.();
    await vi.waitFor(() => expect(journey.gateway.upstreamSockets()).toBe(0));
  });

  it('computes every field of a message after the credentials it was opened with expired', async () => {
    const { messages, first } = await subscribeToVisitor();
    await track([{ visitorId, type: 'FILTER', search: { filters: { sizes: ['S'] } } }]);
    expect((await first).value.errors).toBeUndefined();
    // The signed caller the subgraphs check lives five minutes; a shop page stays open longer.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 60_000 });
    try {
      const later = messages.next();
      await track([{ visitorId, type: 'FILTER', search: { filters: { sizes: ['L'] } } }]);
      const inL = (await later).value as Message;
      expect(inL.errors).toBeUndefined();
      expect(inStockIn(inL, 'L')).toBe(true);
    } finally {
      vi.useRealTimers();
      await messages.return?.();
    }
  });

  it('closes the upstream socket when the client disconnects', async () => {
    const client = connect(`Bearer ${token}`);
    const messages = client.iterate({ query: visitorUpdated, variables: { id: visitorId } });
    void messages.next();
    await vi.waitFor(() => expect(journey.gateway.upstreamSockets()).toBe(1));
    await client.dispose();
    await vi.waitFor(() => expect(journey.gateway.upstreamSockets()).toBe(0));
  });

  it("refuses a subscription to another visitor's profile", async () => {
    const other = await startVisit(journey);
    const client = connect(`Bearer ${token}`);
    const messages = client.iterate({ query: visitorUpdated, variables: { id: other.visitorId } });
    const refusal = await messages.next().then(
      (result) => JSON.stringify(result.value),
      (errors: unknown) => JSON.stringify(errors),
    );
    expect(refusal).toContain('a visitor token gives access to its own visitor only');
    expect(refusal).toContain('FORBIDDEN');
  });

  it('answers queries and mutations over the socket', async () => {
    const client = connect(`Bearer ${token}`);
    const result = await client.iterate({ query: `{ me { id preferences { sizes { value } } } }` }).next();
    expect((result.value as { data: { me: { id: string } } }).data.me.id).toBe(visitorId);
  });

  it('limits subscriptions per connection', async () => {
    const client = connect(`Bearer ${token}`);
    const first = client.iterate({ query: visitorUpdated, variables: { id: visitorId } });
    const second = client.iterate({ query: visitorUpdated, variables: { id: visitorId } });
    void first.next();
    void second.next();
    const third = client.iterate({ query: visitorUpdated, variables: { id: visitorId } });
    await expect(third.next()).rejects.toSatisfy((errors: unknown) =>
      JSON.stringify(errors).includes('TOO_MANY_SUBSCRIPTIONS'),
    );
    await first.return?.();
    await second.return?.();
  });

  it('limits subscriptions per visitor across connections', async () => {
    const limited = await startJourney({ storage: 'memory', env: { SUBSCRIPTIONS_PER_VISITOR: '1' } });
    try {
      const visit = await startVisit(limited);
      const first = connect(`Bearer ${visit.token}`, socketUrl(limited.gatewayUrl));
      const second = connect(`Bearer ${visit.token}`, socketUrl(limited.gatewayUrl));
      const held = first.iterate({ query: visitorUpdated, variables: { id: visit.visitorId } });
      const live = held.next();
      await vi.waitFor(() => expect(limited.gateway.upstreamSockets()).toBe(1));
      const refusal = await new Promise<unknown>((resolve) =>
        second.subscribe(
          { query: visitorUpdated, variables: { id: visit.visitorId } },
          { next: resolve, error: resolve, complete: () => resolve('completed') },
        ),
      );
      expect(JSON.stringify(refusal)).toContain('at most 1 subscriptions per visitor');
      await held.return?.();
      void live;
    } finally {
      await limited.stop();
    }
  });

  it('closes a connection that sends no connection_init in time with 4408', async () => {
    const { closed } = rawSocket(socketUrl());
    expect((await closed).code).toBe(4408);
  });

  it('closes a connection with bad credentials with 4403', async () => {
    const { socket, closed } = rawSocket(socketUrl());
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged' } })),
    );
    expect((await closed).code).toBe(4403);
  });

  it('closes a connection that sends a malformed message with 4400, and keeps serving others', async () => {
    const { socket, closed } = rawSocket(socketUrl());
    socket.once('open', () => socket.send('{ not graphql-ws'));
    expect((await closed).code).toBe(4400);
    const { data } = await journey.query<{ product: { id: string } }>(`{ product(id: "JG-00001") { id } }`);
    expect(data?.product.id).toBe('JG-00001');
  });

  it('ends the subscription with an error when the owning subgraph goes away', async () => {
    const doomed = await startJourney({ storage: 'memory', env: { UPSTREAM_RETRY_ATTEMPTS: '0' } });
    try {
      const visit = await startVisit(doomed);
      const client = connect(`Bearer ${visit.token}`, socketUrl(doomed.gatewayUrl));
      const messages = client.iterate({ query: visitorUpdated, variables: { id: visit.visitorId } });
      const next = messages.next();
      await vi.waitFor(() => expect(doomed.gateway.upstreamSockets()).toBe(1));
      await doomed.profile.stop();
      const outcome = await next.then(
        (result) => JSON.stringify(result),
        (error: unknown) => JSON.stringify(error),
      );
      expect(outcome).toContain('SUBGRAPH_UNAVAILABLE');
      expect(outcome).toContain('the profile subgraph is unavailable');
    } finally {
      await doomed.stop().catch(() => undefined);
    }
  });

  it('closes client sockets with 1001 Going Away when the gateway shuts down', async () => {
    const gateway = await buildGateway({
      config: { ...readGatewayConfig(journey.env), subgraphUrls: journey.subgraphUrls },
    });
    const url = await gateway.start();
    const { socket, closed } = rawSocket(socketUrl(url));
    const acknowledged = new Promise<void>((resolve) => socket.once('message', () => resolve()));
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    await acknowledged;
    await gateway.stop();
    expect((await closed).code).toBe(1001);
  });
});
