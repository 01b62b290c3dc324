import { errors, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from './errors.js';

/**
 * A visitor's token: a JWT (HS256) whose subject is the anonymous visitor id, minted by the
 * profile subgraph at `startVisit` and checked by the gateway on every request.
 */
const issuer = 'journeygraph';
const audience = 'journeygraph-visitor';

export async function mintVisitorToken(
  visitorId: string,
  secret: Uint8Array,
  lifetimeDays: number,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(visitorId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${lifetimeDays}d`)
    .sign(secret);
}

/** The visitor id of a valid token; UNAUTHENTICATED saying why for any other. */
export async function verifyVisitorToken(token: string, secret: Uint8Array): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer, audience, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string') throw unauthenticated('the visitor token names no visitor');
    return payload.sub;
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw unauthenticated('the visitor token has expired: start a new visit');
    throw unauthenticated('the credentials are neither a valid visitor token nor a known API key');
  }
}
