import { fileURLToPath } from 'node:url';
import { type Env, readString } from '../../shared/config/env.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';
import { readMerchandisingFile } from '../../shared/merchandising/config.js';
import { type ReactionConfig, readReactionConfig } from '../../shared/reactions/config.js';

export interface NewsletterConfig extends ServiceConfig {
  feed: FeedConfig;
  /** The shop's merchandising rules (boost, bury, pin), the same file for every touchpoint. */
  merchandisingFile: string;
  reactions: ReactionConfig;
  campaignsFile: string;
}

const demoCampaigns = fileURLToPath(new URL('./campaigns.json', import.meta.url));

export function readNewsletterConfig(env: Env): NewsletterConfig {
  return {
    ...readServiceConfig(env, 'NEWSLETTER_PORT', 4004),
    feed: readFeedConfig(env),
    merchandisingFile: readMerchandisingFile(env),
    reactions: readReactionConfig(env),
    campaignsFile: readString(env, 'CAMPAIGNS_FILE', demoCampaigns),
  };
}
