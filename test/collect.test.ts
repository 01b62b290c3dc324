import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintVisitorToken } from '../shared/auth/visitor-token.js';
import { developmentAuthorization, type Journey, postGraphQL, startJourney } from './support/journey.js';

interface Session {
  visitorId: string;
  token: string;
}

interface CollectAnswer {
  status: number;
  /** The JSON answer; null for an empty one (204). */
  body: Record<string, unknown> | null;
}

// The smallest limit the gateway accepts, so that an oversized batch is quick to build.
const bodyLimitBytes = 65_536;

describe('POST /collect', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney({
      storage: 'memory',
      env: { COLLECT_BODY_LIMIT_BYTES: String(bodyLimitBytes) },
    });
  });
  afterAll(async () => {
    await journey?.stop();
  });

  /** Posts `body` as the tracker does: plain text, so that browsers send it without a preflight. */
  async function collect(body: unknown, headers: Record<string, string> = {}): Promise<CollectAnswer> {
    const response = await fetch(new URL('/collect', journey.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
    };
  }

  async function startVisit(): Promise<Session> {
    const response = await fetch(new URL('/visit', journey.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: '',
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Session;
  }

  const stored = (visitorId: string) => journey.profile.store.eventsOf(visitorId);

  it('stores a valid batch with the token in the body and answers 204', async () => {
    const visitor = await startVisit();
    const answer = await collect({
      token: visitor.token,
      events: [
        { type: 'PAGE_VIEW' },
        { type: 'PRODUCT_VIEW', productId: 'JG-00001' },
        { type: 'SEARCH', search: { query: 'pullover' } },
      ],
    });
    expect(answer).toEqual({ status: 204, body: null });
    expect((await stored(visitor.visitorId)).map((event) => event.type).sort()).toEqual([
      'PAGE_VIEW',
      'PRODUCT_VIEW',
      'SEARCH',
    ]);
  });

  it('takes the token from the Authorization header instead of the body', async () => {
    const visitor = await startVisit();
    const answer = await collect(
      { events: [{ type: 'PAGE_VIEW' }] },
      { authorization: `Bearer ${visitor.token}` },
    );
    expect(answer.status).toBe(204);
    expect(await stored(visitor.visitorId)).toHaveLength(1);
  });

  it('stores the valid events of a partly valid batch and lists the others with reasons (200)', async () => {
    const visitor = await startVisit();
    const answer = await collect({
      token: visitor.token,
      events: [
        { type: 'PRODUCT_VIEW', productId: 'JG-00001' },
        { type: 'PRODUCT_VIEW', productId: 'JG-NOPE' },
        { type: 'PAGE_VIEW' },
        { type: 'IMPRESSION', productIds: ['JG-00001'] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 2,
      rejected: [
        { index: 1, reason: expect.stringContaining('unknown product "JG-NOPE"') },
        { index: 3, reason: expect.stringContaining('IMPRESSION needs placement') },
      ],
    });
    expect((await stored(visitor.visitorId)).map((event) => event.type).sort()).toEqual([
      'PAGE_VIEW',
      'PRODUCT_VIEW',
    ]);
  });

  it('rejects an event dated far in the future with a reason, storing the rest', async () => {
    const visitor = await startVisit();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const answer = await collect({
      token: visitor.token,
      events: [{ type: 'PAGE_VIEW' }, { type: 'PAGE_VIEW', at: tomorrow }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 1,
      rejected: [{ index: 1, reason: expect.stringContaining('lies in the future') }],
    });
    expect(await stored(visitor.visitorId)).toHaveLength(1);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const answer = await collect('{"events": [');
    expect(answer).toEqual({ status: 400, body: { error: 'body is not valid JSON' } });
  });

  it('refuses an unknown event type with 400 naming events.N.type, storing nothing', async () => {
    const visitor = await startVisit();
    const answer = await collect({
      token: visitor.token,
      events: [{ type: 'PAGE_VIEW' }, { type: 'TELEPORT' }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body?.error).toContain('events.1.type');
    expect(answer.body?.error).toContain('is not one of PAGE_VIEW');
    expect(await stored(visitor.visitorId)).toEqual([]);
  });

  it('refuses an unknown field with 400 naming it', async () => {
    const visitor = await startVisit();
    const unknownInEvent = await collect({
      token: visitor.token,
      events: [{ type: 'PAGE_VIEW', ip: '1.2.3.4' }],
    });
    expect(unknownInEvent.status).toBe(400);
    expect(unknownInEvent.body?.error).toMatch(/events\.0.*"ip"/);
    const unknownAtTop = await collect({ token: visitor.token, events: [], fingerprint: 'x' });
    expect(unknownAtTop.status).toBe(400);
    expect(unknownAtTop.body?.error).toContain('"fingerprint"');
    expect(await stored(visitor.visitorId)).toEqual([]);
  });

  it('refuses a body over COLLECT_BODY_LIMIT_BYTES with 413 and stores none of it', async () => {
    const visitor = await startVisit();
    const at = new Date().toISOString();
    const events = Array.from({ length: 1_000 }, () => ({ type: 'PRODUCT_VIEW', productId: 'JG-00001', at }));
    const body = JSON.stringify({ token: visitor.token, events });
    expect(Buffer.byteLength(body)).toBeGreaterThan(bodyLimitBytes);
    const answer = await collect(body);
    expect(answer.status).toBe(413);
    expect(answer.body?.error).toContain(`larger than ${bodyLimitBytes} bytes`);
    expect(await stored(visitor.visitorId)).toEqual([]);
  });

  it('refuses an oversized body sent without a content-length with 413 as well', async () => {
    const visitor = await startVisit();
    const at = new Date().toISOString();
    const events = Array.from({ length: 1_000 }, () => ({ type: 'PRODUCT_VIEW', productId: 'JG-00001', at }));
    const bytes = new TextEncoder().encode(JSON.stringify({ token: visitor.token, events }));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 8_192)
          controller.enqueue(bytes.subarray(offset, offset + 8_192));
        controller.close();
      },
    });
    const response = await fetch(new URL('/collect', journey.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await stored(visitor.visitorId)).toEqual([]);
  });

  it('refuses a batch without a token with 401', async () => {
    const answer = await collect({ events: [{ type: 'PAGE_VIEW', visitorId: 'someone-1' }] });
    expect(answer.status).toBe(401);
    expect(answer.body?.error).toContain('visitor token');
    expect(await stored('someone-1')).toEqual([]);
  });

  it('refuses a forged token with 401 and stores nothing', async () => {
    const visitor = await startVisit();
    const forged = await mintVisitorToken(
      visitor.visitorId,
      new TextEncoder().encode('a-secret-that-is-not-the-journeys-one!'),
      30,
    );
    const answer = await collect({ token: forged, events: [{ type: 'PAGE_VIEW' }] });
    expect(answer.status).toBe(401);
    expect(answer.body?.error).toContain('neither a valid visitor token nor a known API key');
    expect(await stored(visitor.visitorId)).toEqual([]);
  });

  it('asks an API key for the visitor of each event: 400 naming events.0.visitorId', async () => {
    const answer = await collect(
      { events: [{ type: 'PAGE_VIEW' }] },
      { authorization: developmentAuthorization },
    );
    expect(answer.status).toBe(400);
    expect(answer.body?.error).toContain('events.0.visitorId');
  });

  it('stores the events an API key sends for named visitors', async () => {
    const visitor = await startVisit();
    const answer = await collect(
      { events: [{ type: 'PAGE_VIEW', visitorId: visitor.visitorId }] },
      { authorization: developmentAuthorization },
    );
    expect(answer.status).toBe(204);
    expect(await stored(visitor.visitorId)).toHaveLength(1);
  });

  it('refuses events for another visitor with a visitor token: 403, and nothing of the batch stored', async () => {
    const [sender, other] = [await startVisit(), await startVisit()];
    const answer = await collect({
      token: sender.token,
      events: [{ type: 'PAGE_VIEW' }, { type: 'PAGE_VIEW', visitorId: other.visitorId }],
    });
    expect(answer.status).toBe(403);
    expect(answer.body?.error).toContain('another visitor');
    expect(await stored(other.visitorId)).toEqual([]);
    expect(await stored(sender.visitorId)).toEqual([]);
  });

  it('records a consent decision sent in a batch: after tracking is declined, events are rejected', async () => {
    const visitor = await startVisit();
    expect((await collect({ token: visitor.token, events: [{ type: 'PAGE_VIEW' }] })).status).toBe(204);

    const declined = await collect({ token: visitor.token, consent: { tracking: false } });
    expect(declined.status).toBe(204);

    const later = await collect({
      token: visitor.token,
      events: [{ type: 'PAGE_VIEW' }, { type: 'PRODUCT_VIEW', productId: 'JG-00001' }],
    });
    expect(later.status).toBe(200);
    expect(later.body).toEqual({
      accepted: 0,
      rejected: [
        { index: 0, reason: expect.stringContaining('declined tracking') },
        { index: 1, reason: expect.stringContaining('declined tracking') },
      ],
    });
    expect(await stored(visitor.visitorId)).toHaveLength(1);
  });

  it('answers the CORS preflight with 204 and the allowed origin', async () => {
    const response = await fetch(new URL('/collect', journey.gatewayUrl), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('allows the shop origin on the answer to a POST as well', async () => {
    const visitor = await startVisit();
    const response = await fetch(new URL('/collect', journey.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example' },
      body: JSON.stringify({ token: visitor.token, events: [{ type: 'PAGE_VIEW' }] }),
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers GET with 405', async () => {
    const response = await fetch(new URL('/collect', journey.gatewayUrl));
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: 'use POST' });
  });

  it('hands out a working token at /visit', async () => {
    const visitor = await startVisit();
    expect(visitor.visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await collect({ token: visitor.token, events: [{ type: 'PAGE_VIEW' }] })).status).toBe(204);
    const { data, errors } = await postGraphQL<{ me: { id: string } }>(
      journey.gatewayUrl,
      '{ me { id } }',
      {},
      `Bearer ${visitor.token}`,
    );
    expect(errors).toBeUndefined();
    expect(data?.me.id).toBe(visitor.visitorId);
  });

  it('passes a consent given at /visit on to the profile', async () => {
    const response = await fetch(new URL('/visit', journey.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ consent: { tracking: true, newsletter: false } }),
    });
    const visitor = (await response.json()) as Session;
    const { data } = await postGraphQL<{ me: { consent: Record<string, unknown> } }>(
      journey.gatewayUrl,
      '{ me { consent { tracking newsletter } } }',
      {},
      `Bearer ${visitor.token}`,
    );
    expect(data?.me.consent).toEqual({ tracking: true, newsletter: false });
  });

  it('keeps serving after all of this', async () => {
    const health = await fetch(new URL('/health', journey.gatewayUrl));
    expect(health.status).toBe(200);
    const { data, errors } = await postGraphQL<{ product: { id: string } }>(
      journey.gatewayUrl,
      '{ product(id: "JG-00001") { id } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.product.id).toBe('JG-00001');
    const visitor = await startVisit();
    expect((await collect({ token: visitor.token, events: [{ type: 'PAGE_VIEW' }] })).status).toBe(204);
  });
});
