import {
  type Env,
  isProduction,
  readChoice,
  readOptionalString,
  readPort,
  readString,
  readUrl,
} from '../shared/config/env.js';
import { type LogLevel, logLevels } from '../shared/logging.js';
import type { SubgraphName } from './subgraphs.js';

export interface GatewayConfig {
  host: string;
  port: number;
  production: boolean;
  logLevel: LogLevel;
  /** A composed supergraph to serve as is, with the subgraph URLs written in it. */
  supergraphFile: string | undefined;
  /** Where each subgraph listens, when the gateway composes the supergraph itself. */
  subgraphUrls: Record<SubgraphName, string>;
}

export function readGatewayConfig(env: Env): GatewayConfig {
  return {
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'GATEWAY_PORT', 4000),
    production: isProduction(env),
    logLevel: readChoice(env, 'LOG_LEVEL', logLevels, 'info'),
    supergraphFile: readOptionalString(env, 'SUPERGRAPH_FILE'),
    subgraphUrls: {
      profile: readUrl(env, 'PROFILE_URL', 'http://127.0.0.1:4001/graphql'),
      search: readUrl(env, 'SEARCH_URL', 'http://127.0.0.1:4002/graphql'),
      recommendation: readUrl(env, 'RECOMMENDATION_URL', 'http://127.0.0.1:4003/graphql'),
      newsletter: readUrl(env, 'NEWSLETTER_URL', 'http://127.0.0.1:4004/graphql'),
    },
  };
}
