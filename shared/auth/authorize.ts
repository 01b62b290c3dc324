import type { Caller, Scope } from './caller.js';
import { forbidden, unauthenticated } from './errors.js';

/** An API key with `scope`, else UNAUTHENTICATED (nobody) or FORBIDDEN (somebody else). */
export function requireScope(caller: Caller, scope: Scope): void {
  if (caller.kind === 'anonymous') throw unauthenticated(`this needs an API key with the scope ${scope}`);
  if (caller.kind !== 'service' || !caller.scopes.includes(scope)) {
    throw forbidden(`this needs an API key with the scope ${scope}`);
  }
}

/** The visitor's own token, or an API key with `scope`. */
export function requireVisitorAccess(caller: Caller, visitorId: string, scope: Scope): void {
  if (caller.kind === 'visitor') {
    if (caller.visitorId !== visitorId)
      throw forbidden('a visitor token gives access to its own visitor only');
    return;
  }
  requireScope(caller, scope);
}

/** The visitor of a visitor token, else UNAUTHENTICATED. */
export function requireVisitor(caller: Caller): string {
  if (caller.kind !== 'visitor') throw unauthenticated('this needs a visitor token (from startVisit)');
  return caller.visitorId;
}
