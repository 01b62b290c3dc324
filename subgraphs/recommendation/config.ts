import { type Env, readNumber } from '../../shared/config/env.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';
import { readMerchandisingFile } from '../../shared/merchandising/config.js';
import { type ReactionConfig, readReactionConfig } from '../../shared/reactions/config.js';

export interface RecommendationConfig extends ServiceConfig {
  feed: FeedConfig;
  /** The shop's merchandising rules (boost, bury, pin), the same file for every touchpoint. */
  merchandisingFile: string;
  reactions: ReactionConfig;
  /** After this long a "viewed together" or "bought together" pair counts half as much. */
  pairHalfLifeDays: number;
}

export function readRecommendationConfig(env: Env): RecommendationConfig {
  return {
    ...readServiceConfig(env, 'RECOMMENDATION_PORT', 4003),
    feed: readFeedConfig(env),
    merchandisingFile: readMerchandisingFile(env),
    reactions: readReactionConfig(env),
    // Below 7 days the forward-decay sums would outgrow a double within a few years (see decay.ts).
    pairHalfLifeDays: readNumber(env, 'PAIR_HALF_LIFE_DAYS', 30, { min: 7, max: 3_650 }),
  };
}
