import { ConfigError, type Env, readString, readUrl } from '../config/env.js';
import type { Logger } from '../logging.js';
import { type Bus, inProcessBus } from './bus.js';
import { redisBus } from './redis.js';

export type BusConfig = { kind: 'in-process' } | { kind: 'redis'; url: string; prefix: string };

export function readBusConfig(env: Env): BusConfig {
  const url = readUrl(env, 'REDIS_URL');
  if (url === undefined) return { kind: 'in-process' };
  const prefix = readString(env, 'REDIS_PREFIX', 'journeygraph');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(prefix)) {
    throw new ConfigError(`REDIS_PREFIX must be 1-64 letters, digits, "_" or "-", got "${prefix}"`);
  }
  return { kind: 'redis', url, prefix };
}

/**
 * The service's bus. In-process, services share it only within one process (npm start passes
 * one to all); with REDIS_URL every instance of every service reaches the same one.
 */
export async function openBus(config: BusConfig, logger: Logger): Promise<Bus> {
  return config.kind === 'redis' ? redisBus(config.url, config.prefix, logger) : inProcessBus();
}
