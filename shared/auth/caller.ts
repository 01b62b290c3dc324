/** What an API key may do. A visitor token may act only for its own visitor. */
export const scopes = ['visitors:read', 'events:write', 'visitors:forget'] as const;
export type Scope = (typeof scopes)[number];

/**
 * Who is asking, as the gateway established it once per request. `address` is the client's IP
 * address, used for rate limits only and never stored.
 */
export type Caller =
  | { kind: 'anonymous'; address: string | null }
  | { kind: 'visitor'; visitorId: string; address: string | null }
  | { kind: 'service'; name: string; scopes: Scope[]; address: string | null };
