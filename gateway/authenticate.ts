import type { Caller } from '../shared/auth/caller.js';
import { unauthenticated } from '../shared/auth/errors.js';
import { verifyVisitorToken } from '../shared/auth/visitor-token.js';
import type { ApiKeyRing } from './api-keys.js';

const bearer = /^Bearer\s+(\S+)$/i;

/**
 * Who is asking: `Authorization: Bearer <API key | visitor token>`, checked once at the edge.
 * No header is an anonymous caller (the catalog and `startVisit` are open to everyone); a header
 * that is present but wrong is refused outright rather than treated as anonymous.
 */
export async function authenticate(
  authorization: string | undefined,
  keys: ApiKeyRing,
  visitorTokenSecret: Uint8Array,
  address: string | null,
): Promise<Caller> {
  if (authorization === undefined || authorization.trim() === '') return { kind: 'anonymous', address };
  const credential = bearer.exec(authorization.trim())?.[1];
  if (credential === undefined)
    throw unauthenticated('Authorization must be "Bearer <visitor token | API key>"');
  const key = keys.lookup(credential);
  if (key !== undefined) return { kind: 'service', name: key.name, scopes: key.scopes, address };
  return { kind: 'visitor', visitorId: await verifyVisitorToken(credential, visitorTokenSecret), address };
}
