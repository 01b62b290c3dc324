import type { Env } from '../../shared/config/env.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';

export interface RecommendationConfig extends ServiceConfig {
  feed: FeedConfig;
}

export function readRecommendationConfig(env: Env): RecommendationConfig {
  return { ...readServiceConfig(env, 'RECOMMENDATION_PORT', 4003), feed: readFeedConfig(env) };
}
