import type { Env } from '../../shared/config/env.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';
import { readMerchandisingFile } from '../../shared/merchandising/config.js';
import { type ReactionConfig, readReactionConfig } from '../../shared/reactions/config.js';

export interface SearchConfig extends ServiceConfig {
  feed: FeedConfig;
  /** The shop's merchandising rules (boost, bury, pin), the same file for every touchpoint. */
  merchandisingFile: string;
  reactions: ReactionConfig;
}

export function readSearchConfig(env: Env): SearchConfig {
  return {
    ...readServiceConfig(env, 'SEARCH_PORT', 4002),
    feed: readFeedConfig(env),
    merchandisingFile: readMerchandisingFile(env),
    reactions: readReactionConfig(env),
  };
}
