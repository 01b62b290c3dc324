import {
  type Env,
  isProduction,
  readChoice,
  readInteger,
  readOptionalString,
  readPort,
  readString,
  readUrl,
} from '../shared/config/env.js';
import { type LogLevel, logLevels } from '../shared/logging.js';
import { readSecret } from '../shared/config/secrets.js';
import { type ApiKeyRing, readApiKeys } from './api-keys.js';
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
  apiKeys: ApiKeyRing;
  visitorTokenSecret: Uint8Array;
  subgraphSecret: Uint8Array;
  /** Load balancers whose `X-Forwarded-For` names the client (for rate limits). */
  trustedProxies: ReadonlySet<string>;
  /** Shop origins whose pages may send tracker requests (`*`: any). */
  trackerOrigins: string[];
  /** Largest `/collect` body; the tracker sends at most 64 KiB. */
  collectBodyLimitBytes: number;
  /** A graphql-ws connection that sends no `connection_init` within this is closed (4408). */
  connectionInitTimeoutMs: number;
  subscriptionsPerConnection: number;
  /** Across all connections of one visitor token. */
  subscriptionsPerVisitor: number;
  /** Reconnects to a subgraph that dropped its socket before its subscriptions end with an error. */
  upstreamRetryAttempts: number;
}

export function readGatewayConfig(env: Env): GatewayConfig {
  const production = isProduction(env);
  return {
    host: readString(env, 'HOST', '127.0.0.1'),
    port: readPort(env, 'GATEWAY_PORT', 4000),
    production,
    logLevel: readChoice(env, 'LOG_LEVEL', logLevels, 'info'),
    supergraphFile: readOptionalString(env, 'SUPERGRAPH_FILE'),
    subgraphUrls: {
      profile: readUrl(env, 'PROFILE_URL', 'http://127.0.0.1:4001/graphql'),
      search: readUrl(env, 'SEARCH_URL', 'http://127.0.0.1:4002/graphql'),
      recommendation: readUrl(env, 'RECOMMENDATION_URL', 'http://127.0.0.1:4003/graphql'),
      newsletter: readUrl(env, 'NEWSLETTER_URL', 'http://127.0.0.1:4004/graphql'),
    },
    apiKeys: readApiKeys(readOptionalString(env, 'API_KEYS'), production),
    visitorTokenSecret: readSecret(env, 'VISITOR_TOKEN_SECRET'),
    subgraphSecret: readSecret(env, 'SUBGRAPH_SECRET'),
    trustedProxies: new Set(
      readString(env, 'TRUSTED_PROXIES', '')
        .split(',')
        .map((address) => address.trim())
        .filter((address) => address !== ''),
    ),
    trackerOrigins: readString(env, 'TRACKER_ORIGINS', '*')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    connectionInitTimeoutMs: readInteger(env, 'CONNECTION_INIT_TIMEOUT_MS', 3_000, { min: 100, max: 60_000 }),
    subscriptionsPerConnection: readInteger(env, 'SUBSCRIPTIONS_PER_CONNECTION', 20, { min: 1, max: 10_000 }),
    subscriptionsPerVisitor: readInteger(env, 'SUBSCRIPTIONS_PER_VISITOR', 10, { min: 1, max: 10_000 }),
    upstreamRetryAttempts: readInteger(env, 'UPSTREAM_RETRY_ATTEMPTS', 5, { min: 0, max: 100 }),
    collectBodyLimitBytes: readInteger(env, 'COLLECT_BODY_LIMIT_BYTES', 524_288, {
      min: 65_536,
      max: 8_388_608,
    }),
  };
}
