import { buildApp as buildGateway, type GatewayApp } from '../../gateway/app.js';
import { readGatewayConfig } from '../../gateway/config.js';
import type { SubgraphName } from '../../gateway/subgraphs.js';
import { type Bus, inProcessBus } from '../../shared/bus/bus.js';
import { readBusConfig } from '../../shared/bus/open.js';
import type { CatalogServiceApp } from '../../shared/catalog/service.js';
import type { Env } from '../../shared/config/env.js';
import { withDevelopmentSecrets } from '../../shared/config/secrets.js';
import type { ServiceApp } from '../../shared/service.js';
import { buildApp as buildNewsletter } from '../../subgraphs/newsletter/app.js';
import { readNewsletterConfig } from '../../subgraphs/newsletter/config.js';
import { buildApp as buildProfile, type ProfileApp } from '../../subgraphs/profile/app.js';
import { readProfileConfig } from '../../subgraphs/profile/config.js';
import {
  buildApp as buildRecommendation,
  type RecommendationApp,
} from '../../subgraphs/recommendation/app.js';
import { readRecommendationConfig } from '../../subgraphs/recommendation/config.js';
import { buildApp as buildSearch } from '../../subgraphs/search/app.js';
import { readSearchConfig } from '../../subgraphs/search/config.js';
import { demoFeedSample } from './feeds.js';
import type { StorageKind, TestDatabase } from './storage.js';

export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Journey {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  profile: ProfileApp;
  search: CatalogServiceApp;
  recommendation: RecommendationApp;
  newsletter: CatalogServiceApp;
  gateway: GatewayApp;
  /** The environment the services were started with, secrets included. */
  env: Env;
  /** Sends one operation through the gateway, by default with the development API key. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    authorization?: string | null,
  ): Promise<GraphQLResponse<TData>>;
  stop(): Promise<void>;
}

/** The development API key (every scope), which exists outside production only. */
export const developmentAuthorization = 'Bearer dev-api-key';

export async function postGraphQL<TData>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  authorization: string | null = developmentAuthorization,
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<TData>;
}

/** Products of the demo feed that MongoDB journeys load (see `demoFeedSample`). */
export const mongoFeedProducts = 400;

/** The environment every service of a test reads: free ports, quiet logs, the chosen store. */
export function testEnv(
  storage: StorageKind,
  database?: TestDatabase,
  extra: Record<string, string> = {},
): Env {
  if (storage === 'mongodb' && database === undefined)
    throw new TypeError('a MongoDB journey needs a test database');
  return withDevelopmentSecrets({
    HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    PROFILE_PORT: '0',
    SEARCH_PORT: '0',
    RECOMMENDATION_PORT: '0',
    NEWSLETTER_PORT: '0',
    LOG_LEVEL: 'silent',
    ...(storage === 'mongodb' && database !== undefined
      ? { MONGODB_URI: database.uri, MONGODB_DB: database.name, FEED_PATH: demoFeedSample(mongoFeedProducts) }
      : {}),
    ...extra,
  });
}

/**
 * Starts the four subgraphs and a gateway on free ports, the way `npm start` does, on the memory
 * store or on the test database. Stop it after each suite.
 */
export async function startJourney(options: {
  storage: StorageKind;
  database?: TestDatabase;
  env?: Record<string, string>;
  /** A bus to share with another journey (two instances of the same deployment). */
  bus?: Bus;
}): Promise<Journey> {
  const env = testEnv(options.storage, options.database, options.env);
  const mongoClient = options.database?.client;
  const started: ServiceApp[] = [];
  try {
    // As in `npm start`: one in-process bus for all services, unless REDIS_URL names a shared one.
    const bus = options.bus ?? (readBusConfig(env).kind === 'in-process' ? inProcessBus() : undefined);
    const [profile, search, recommendation, newsletter] = await Promise.all([
      buildProfile({ config: readProfileConfig(env), mongoClient, bus }),
      buildSearch({ config: readSearchConfig(env), mongoClient, bus }),
      buildRecommendation({ config: readRecommendationConfig(env), mongoClient, bus }),
      buildNewsletter({ config: readNewsletterConfig(env), mongoClient, bus }),
    ]);
    const start = async (app: ServiceApp) => {
      const url = await app.start();
      started.push(app);
      return url;
    };
    const subgraphUrls = {
      profile: await start(profile),
      search: await start(search),
      recommendation: await start(recommendation),
      newsletter: await start(newsletter),
    };
    const gateway = await buildGateway({ config: { ...readGatewayConfig(env), subgraphUrls } });
    const gatewayUrl = await start(gateway);
    return {
      gatewayUrl,
      subgraphUrls,
      profile,
      search,
      recommendation,
      newsletter,
      gateway,
      env,
      query: <TData>(query: string, variables?: Record<string, unknown>, authorization?: string | null) =>
        postGraphQL<TData>(gatewayUrl, query, variables, authorization),
      stop: async () => {
        await stopAll(started);
        if (options.bus === undefined) await bus?.close();
      },
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(apps: ServiceApp[]): Promise<void> {
  await Promise.all(apps.reverse().map((app) => app.stop()));
}

export interface Visit {
  visitorId: string;
  token: string;
}

/** A new anonymous visit through the gateway, as a shop page starts one. */
export async function startVisit(journey: Journey): Promise<Visit> {
  const { data, errors } = await journey.query<{ startVisit: Visit }>(
    'mutation { startVisit { visitorId token } }',
    {},
    null,
  );
  if (data?.startVisit === undefined) throw new Error(`startVisit failed: ${JSON.stringify(errors)}`);
  return data.startVisit;
}

/**
 * Two instances of one deployment: each its own four subgraphs and gateway, sharing the test
 * database, Redis under the key prefix `prefix`, and the secrets. The caller stops both and
 * deletes the prefix's keys.
 */
export async function startTwinJourneys(
  database: TestDatabase,
  redisUrl: string,
  prefix: string,
): Promise<[Journey, Journey]> {
  const shared = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
  const first = await startJourney({ storage: 'mongodb', database, env: shared });
  // Started after the first: the catalog import into the shared database happens once.
  const second = await startJourney({
    storage: 'mongodb',
    database,
    env: {
      ...shared,
      VISITOR_TOKEN_SECRET: first.env.VISITOR_TOKEN_SECRET as string,
      SUBGRAPH_SECRET: first.env.SUBGRAPH_SECRET as string,
    },
  });
  return [first, second];
}
