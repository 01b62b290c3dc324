import { fileURLToPath } from 'node:url';
import { type LogLevel, logLevels } from '../logging.js';
import { type Env, isProduction, readChoice, readInteger, readPort, readString } from './env.js';
import { readSecret } from './secrets.js';
import { type BusConfig, readBusConfig } from '../bus/open.js';
import { readStorageConfig, type StorageConfig } from './storage.js';

/** What every service reads: where to listen, where to store, how much to log. */
export interface ServiceConfig {
  host: string;
  port: number;
  production: boolean;
  logLevel: LogLevel;
  storage: StorageConfig;
  /** Verifies that a request comes from the gateway (see shared/auth/caller-assertion.ts). */
  subgraphSecret: Uint8Array;
  bus: BusConfig;
}

export function readServiceConfig(env: Env, portVariable: string, defaultPort: number): ServiceConfig {
  return {
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, portVariable, defaultPort),
    production: isProduction(env),
    logLevel: readChoice(env, 'LOG_LEVEL', logLevels, 'info'),
    storage: readStorageConfig(env),
    subgraphSecret: readSecret(env, 'SUBGRAPH_SECRET'),
    bus: readBusConfig(env),
  };
}

export interface FeedConfig {
  path: string;
  ownBrandLabel: string;
  /** How often a catalog service looks for a changed feed file; 0: it reads the feed at start only. */
  reloadIntervalMs: number;
}

const demoFeed = fileURLToPath(new URL('../../data/demo-feed.tsv', import.meta.url));

export function readFeedConfig(env: Env): FeedConfig {
  return {
    path: readString(env, 'FEED_PATH', demoFeed),
    ownBrandLabel: readString(env, 'FEED_OWN_BRAND_LABEL', 'eigenmarke'),
    // Up to the longest delay a Node.js timer takes; a longer one would fire at once.
    reloadIntervalMs: readInteger(env, 'FEED_RELOAD_INTERVAL_MS', 5_000, { min: 0, max: 2_147_483_647 }),
  };
}
