import { jwtVerify, SignJWT } from 'jose';
import type { Caller } from './caller.js';
import { unauthenticated } from './errors.js';

/**
 * The gateway authenticates each request once and tells the subgraphs who is asking in this
 * header, signed with the secret it shares with them (`SUBGRAPH_SECRET`). A subgraph refuses any
 * request without a valid one, so a request that bypasses the gateway gets nothing.
 */
export const callerHeader = 'x-journeygraph-caller';

const audience = 'journeygraph-subgraph';
// Long enough for the slowest query plan, short enough that a leaked header is soon useless.
const lifetime = '5m';

export async function signCallerAssertion(caller: Caller, secret: Uint8Array): Promise<string> {
  return new SignJWT({ caller })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(secret);
}

export async function verifyCallerAssertion(
  assertion: string | undefined,
  secret: Uint8Array,
): Promise<Caller> {
  if (assertion === undefined)
    throw unauthenticated('subgraphs answer only requests that come through the gateway');
  try {
    const { payload } = await jwtVerify<{ caller: Caller }>(assertion, secret, {
      audience,
      algorithms: ['HS256'],
    });
    return payload.caller;
  } catch {
    throw unauthenticated('the gateway credentials of this request are not valid');
  }
}
