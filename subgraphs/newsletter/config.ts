import { fileURLToPath } from 'node:url';
import { type Env, readString } from '../../shared/config/env.js';
import {
  type FeedConfig,
  readFeedConfig,
  readServiceConfig,
  type ServiceConfig,
} from '../../shared/config/service.js';

export interface NewsletterConfig extends ServiceConfig {
  feed: FeedConfig;
  campaignsFile: string;
}

const demoCampaigns = fileURLToPath(new URL('./campaigns.json', import.meta.url));

export function readNewsletterConfig(env: Env): NewsletterConfig {
  return {
    ...readServiceConfig(env, 'NEWSLETTER_PORT', 4004),
    feed: readFeedConfig(env),
    campaignsFile: readString(env, 'CAMPAIGNS_FILE', demoCampaigns),
  };
}
