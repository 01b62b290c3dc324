import { randomBytes } from 'node:crypto';
import { ConfigError, type Env, isProduction, readOptionalString } from './env.js';

/** Secrets every service of one deployment must share. */
export const sharedSecrets = ['VISITOR_TOKEN_SECRET', 'SUBGRAPH_SECRET'] as const;

const minimumLength = 32;

/**
 * A secret from the environment; required in production. In development a missing one is made
 * up at random (and never logged): fine for one process, while separate processes must be given
 * the same value.
 */
export function readSecret(env: Env, name: (typeof sharedSecrets)[number]): Uint8Array {
  const value = readOptionalString(env, name);
  if (value === undefined) {
    if (isProduction(env))
      throw new ConfigError(`${name} must be set in production (at least ${minimumLength} characters)`);
    return randomBytes(32);
  }
  if (value.length < minimumLength)
    throw new ConfigError(`${name} must be at least ${minimumLength} characters long`);
  return new TextEncoder().encode(value);
}

/**
 * For services started together in one process (npm start, tests): one random value per missing
 * shared secret, so that what the profile signs the gateway can verify.
 */
export function withDevelopmentSecrets(env: Env): Env {
  if (isProduction(env)) return env;
  const filled: Record<string, string | undefined> = { ...env };
  for (const name of sharedSecrets) filled[name] ??= randomBytes(32).toString('base64url');
  return filled;
}
