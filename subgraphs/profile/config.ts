import { type Env, readInteger, readNumber } from '../../shared/config/env.js';
import { readSecret } from '../../shared/config/secrets.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';

export interface ProfileConfig extends ServiceConfig {
  feed: FeedConfig;
  /** After this long an event counts half as much for the visitor's preferences. */
  preferenceHalfLifeDays: number;
  /** Events, and profiles without a newer event, are kept this long (TTL index or sweep). */
  eventRetentionDays: number;
  /** How far an event's `at` may lie in the future, for clients whose clocks run ahead. */
  maxClockSkewSeconds: number;
  /** Signs the visitor tokens of `startVisit`; the gateway verifies them with the same secret. */
  visitorTokenSecret: Uint8Array;
  visitorTokenLifetimeDays: number;
  /** `startVisit` calls per client address and minute. */
  startVisitsPerMinute: number;
  /** Where the database has no TTL indexes, expired data is swept this often. */
  retentionSweepMinutes: number;
}

export function readProfileConfig(env: Env): ProfileConfig {
  return {
    ...readServiceConfig(env, 'PROFILE_PORT', 4001),
    feed: readFeedConfig(env),
    // Below 7 days the forward-decay sums would outgrow a double within a few years (see decay.ts).
    preferenceHalfLifeDays: readNumber(env, 'PREFERENCE_HALF_LIFE_DAYS', 14, { min: 7, max: 3_650 }),
    eventRetentionDays: readInteger(env, 'EVENT_RETENTION_DAYS', 180, { min: 1, max: 3_650 }),
    maxClockSkewSeconds: readInteger(env, 'MAX_CLOCK_SKEW_SECONDS', 300, { min: 0, max: 86_400 }),
    visitorTokenSecret: readSecret(env, 'VISITOR_TOKEN_SECRET'),
    visitorTokenLifetimeDays: readInteger(env, 'VISITOR_TOKEN_LIFETIME_DAYS', 30, { min: 1, max: 400 }),
    startVisitsPerMinute: readInteger(env, 'START_VISITS_PER_MINUTE', 30, { min: 1, max: 100_000 }),
    retentionSweepMinutes: readInteger(env, 'RETENTION_SWEEP_MINUTES', 60, { min: 1, max: 10_080 }),
  };
}
