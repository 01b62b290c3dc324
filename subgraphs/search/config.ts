import type { Env } from '../../shared/config/env.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';

export interface SearchConfig extends ServiceConfig {
  feed: FeedConfig;
}

export function readSearchConfig(env: Env): SearchConfig {
  return { ...readServiceConfig(env, 'SEARCH_PORT', 4002), feed: readFeedConfig(env) };
}
