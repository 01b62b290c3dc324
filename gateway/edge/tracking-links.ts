import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { HttpError } from '../../shared/http/server.js';
import { clientAddress } from '../client-address.js';
import type { GatewayConfig } from '../config.js';
import { contextForCaller, type GatewayContext } from '../context.js';
import { runOperation } from './operation.js';

/** What a tracking link carries: visitor, campaign, and for a click the product and its page. */
export interface TrackingPayload {
  v: string;
  c: string;
  p?: string;
  u?: string;
}

export const trackingIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

const keyLabel = 'tracking-links';
const clickPrefix = '/r/';
const openPrefix = '/o/';

const trackMutation = `mutation TrackingLink($events: [TrackEventInput!]!) {
  track(events: $events) { accepted rejected { index reason } }
}`;

// The smallest transparent 1×1 GIF.
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isPayload(value: unknown): value is TrackingPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { v, c, p, u, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof v === 'string' &&
    trackingIdPattern.test(v) &&
    typeof c === 'string' &&
    trackingIdPattern.test(c) &&
    (p === undefined || (typeof p === 'string' && p.length > 0 && p.length <= 128)) &&
    (u === undefined || (typeof u === 'string' && u.length <= 2_048 && isHttpUrl(u)))
  );
}

/**
 * Signs and checks tracking links: `base64url(JSON payload) "." base64url(HMAC-SHA256)`, with a
 * key derived from the subgraph secret, so that a link cannot be forged or changed.
 */
export class TrackingLinks {
  private readonly key: Buffer;

  constructor(subgraphSecret: Uint8Array) {
    this.key = createHmac('sha256', subgraphSecret).update(keyLabel).digest();
  }

  private signatureOf(encodedPayload: string): Buffer {
    return createHmac('sha256', this.key).update(encodedPayload).digest();
  }

  sign(payload: TrackingPayload): string {
    const compact: TrackingPayload = { v: payload.v, c: payload.c };
    if (payload.p !== undefined) compact.p = payload.p;
    if (payload.u !== undefined) compact.u = payload.u;
    if (!isPayload(compact)) throw new TypeError('not a valid tracking link payload');
    const encoded = Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
    return `${encoded}.${this.signatureOf(encoded).toString('base64url')}`;
  }

  /** The payload of a token this gateway signed; undefined for anything else. */
  verify(token: string): TrackingPayload | undefined {
    if (token.length > 4_096) return undefined;
    const parts = token.split('.');
    if (parts.length !== 2) return undefined;
    const [encoded = '', signature = ''] = parts;
    if (!/^[A-Za-z0-9_-]+$/.test(encoded) || !/^[A-Za-z0-9_-]+$/.test(signature)) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.signatureOf(encoded);
    // Re-encoding rejects other spellings of the same bytes (e.g. changed trailing bits).
    if (given.length !== expected.length || given.toString('base64url') !== signature) return undefined;
    if (!timingSafeEqual(given, expected)) return undefined;
    try {
      const payload: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
      return isPayload(payload) ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  clickUrl(origin: string, payload: TrackingPayload): string {
    return `${origin}${clickPrefix}${this.sign(payload)}`;
  }

  openPixelUrl(origin: string, payload: TrackingPayload): string {
    return `${origin}${openPrefix}${this.sign(payload)}.gif`;
  }
}

type EventType = 'NEWSLETTER_CLICK' | 'NEWSLETTER_OPEN';

/**
 * Records the event through the graph as the `tracking-links` service. Never throws: the reader
 * follows the link or sees the pixel whether or not the event could be stored (e.g. a visitor who
 * declined tracking has it rejected).
 */
async function record(
  apollo: ApolloServer<GatewayContext>,
  config: GatewayConfig,
  request: IncomingMessage,
  type: EventType,
  payload: TrackingPayload,
): Promise<void> {
  try {
    const context = await contextForCaller(
      {
        kind: 'service',
        name: 'tracking-links',
        scopes: ['events:write'],
        address: clientAddress(request, config.trustedProxies),
      },
      config,
    );
    const event = {
      visitorId: payload.v,
      type,
      campaignId: payload.c,
      ...(payload.p === undefined ? {} : { productId: payload.p }),
    };
    await runOperation(apollo, trackMutation, { events: [event] }, context);
  } catch {
    // Deliberately ignored: see above.
  }
}

function tokenOf(request: IncomingMessage, prefix: string, suffix = ''): string {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const rest = pathname.slice(prefix.length);
  if (!rest.endsWith(suffix)) throw new HttpError(400, 'not a tracking link');
  return rest.slice(0, rest.length - suffix.length);
}

/** `GET /r/<token>`: records `NEWSLETTER_CLICK` and redirects (302) to the product page. */
export function clickRoute(
  apollo: ApolloServer<GatewayContext>,
  config: GatewayConfig,
  links: TrackingLinks,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET') throw new HttpError(405, 'use GET');
    const payload = links.verify(tokenOf(request, clickPrefix));
    if (payload?.u === undefined) throw new HttpError(400, 'the link is not valid');
    await record(apollo, config, request, 'NEWSLETTER_CLICK', payload);
    response.writeHead(302, {
      location: payload.u,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    response.end();
  };
}

/** `GET /o/<token>.gif`: records `NEWSLETTER_OPEN` and answers a transparent 1×1 GIF. */
export function openRoute(apollo: ApolloServer<GatewayContext>, config: GatewayConfig, links: TrackingLinks) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET') throw new HttpError(405, 'use GET');
    const payload = links.verify(tokenOf(request, openPrefix, '.gif'));
    if (payload === undefined) throw new HttpError(400, 'the pixel link is not valid');
    await record(apollo, config, request, 'NEWSLETTER_OPEN', payload);
    response.writeHead(200, {
      'content-type': 'image/gif',
      'content-length': pixel.length,
      'cache-control': 'no-store',
    });
    response.end(pixel);
  };
}

export const trackingPrefixes = { click: clickPrefix, open: openPrefix } as const;
