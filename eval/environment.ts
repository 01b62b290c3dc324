import type { Env } from '../shared/config/env.js';
import { withDevelopmentSecrets } from '../shared/config/secrets.js';
import { ephemeralShopEnv } from '../shop.js';

/**
 * The environment of an evaluated deployment: free ports, quiet logs, the memory store and the
 * default feed. Built from scratch rather than from `process.env`, so that a developer's
 * `MONGODB_URI` or `REDIS_URL` never lets synthetic visitors into a real database.
 */
export function evaluationEnv(settings: Record<string, string> = {}): Env {
  return withDevelopmentSecrets({
    ...ephemeralShopEnv,
    // Every synthetic visitor starts a visit from 127.0.0.1, far above a shopper's rate.
    START_VISITS_PER_MINUTE: '100000',
    ...settings,
  });
}
