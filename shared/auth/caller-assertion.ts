import { jwtVerify, SignJWT } from 'jose';
import type { Caller } from './caller.js';
import { unauthenticated } from './errors.js';
import { ExpiringCache } from './expiring-cache.js';

/**
 * The gateway authenticates each request once and tells the subgraphs who is asking in this
 * header, signed with the secret it shares with them (`SUBGRAPH_SECRET`). A subgraph refuses any
 * request without a valid one, so a request that bypasses the gateway gets nothing.
 */
export const callerHeader = 'x-journeygraph-caller';

const audience = 'journeygraph-subgraph';
// Long enough for the slowest query plan, short enough that a leaked header is soon useless.
const lifetimeSeconds = 300;
/**
 * Signing costs more than the rest of a small request, so the gateway hands one caller the same
 * assertion for a minute: each one it hands out still has at least 4 of its 5 minutes to run.
 */
const reuseMs = 60_000;
/** Callers (visitor, API key, client address) and assertions remembered per secret. */
const cacheLimit = 10_000;

const signedBySecret = new WeakMap<Uint8Array, ExpiringCache<string>>();
const verifiedBySecret = new WeakMap<Uint8Array, ExpiringCache<Caller>>();

function cacheOf<TValue>(caches: WeakMap<Uint8Array, ExpiringCache<TValue>>, secret: Uint8Array) {
  let cache = caches.get(secret);
  if (cache === undefined) {
    cache = new ExpiringCache<TValue>(cacheLimit);
    caches.set(secret, cache);
  }
  return cache;
}

export async function signCallerAssertion(
  caller: Caller,
  secret: Uint8Array,
  now = Date.now(),
): Promise<string> {
  const signed = cacheOf(signedBySecret, secret);
  const key = JSON.stringify(caller);
  const reused = signed.get(key, now);
  if (reused !== undefined) return reused;
  const issuedAt = Math.floor(now / 1_000);
  const assertion = await new SignJWT({ caller })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(secret);
  signed.set(key, assertion, now + reuseMs);
  return assertion;
}

/**
 * The caller of a valid assertion. An assertion verified once is remembered until it expires:
 * the gateway sends the same one for many requests, and checking it again would give the same.
 */
export async function verifyCallerAssertion(
  assertion: string | undefined,
  secret: Uint8Array,
  now = Date.now(),
): Promise<Caller> {
  if (assertion === undefined)
    throw unauthenticated('subgraphs answer only requests that come through the gateway');
  const verified = cacheOf(verifiedBySecret, secret);
  const known = verified.get(assertion, now);
  if (known !== undefined) return known;
  try {
    const { payload } = await jwtVerify<{ caller: Caller }>(assertion, secret, {
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      currentDate: new Date(now),
    });
    verified.set(assertion, payload.caller, (payload.exp as number) * 1_000);
    return payload.caller;
  } catch {
    throw unauthenticated('the gateway credentials of this request are not valid');
  }
}
