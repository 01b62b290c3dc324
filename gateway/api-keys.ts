import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Scope, scopes } from '../shared/auth/caller.js';
import { ConfigError } from '../shared/config/env.js';

export interface ApiKey {
  name: string;
  scopes: Scope[];
}

const apiKeysSchema = z.array(
  z.object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
    key: z.string().min(24, 'must be at least 24 characters'),
    scopes: z.array(z.enum(scopes)).min(1),
  }),
);

/** The development key of design.md: every scope, never in production. */
const developmentKey = { name: 'dev', key: 'dev-api-key', scopes: [...scopes] };

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The API keys a gateway accepts, held by digest so the keys themselves stay out of memory dumps. */
export class ApiKeyRing {
  private readonly byDigest = new Map<string, ApiKey>();

  constructor(keys: readonly (ApiKey & { key: string })[]) {
    for (const { key, name, scopes: granted } of keys)
      this.byDigest.set(digest(key), { name, scopes: granted });
  }

  lookup(credential: string): ApiKey | undefined {
    return this.byDigest.get(digest(credential));
  }
}

/**
 * `API_KEYS`: a JSON array of `{ "name", "key", "scopes" }`, e.g.
 * `[{"name":"esp","key":"…","scopes":["visitors:read"]}]`. Outside production `dev-api-key`
 * with every scope is added.
 */
export function readApiKeys(raw: string | undefined, production: boolean): ApiKeyRing {
  let keys: (ApiKey & { key: string })[] = [];
  if (raw !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(raw);
    } catch {
      throw new ConfigError('API_KEYS must be a JSON array of {"name","key","scopes"}');
    }
    const parsed = apiKeysSchema.safeParse(document);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new ConfigError(`API_KEYS is invalid: ${problems.join('; ')}`);
    }
    keys = parsed.data;
  }
  return new ApiKeyRing(production ? keys : [...keys, developmentKey]);
}
