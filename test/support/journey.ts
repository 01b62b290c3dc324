import type { Bus } from '../../shared/bus/bus.js';
import type { Env } from '../../shared/config/env.js';
import { withDevelopmentSecrets } from '../../shared/config/secrets.js';
import { ephemeralShopEnv, type Shop, startShop } from '../../shop.js';
import { demoFeedSample } from './feeds.js';
import type { StorageKind, TestDatabase } from './storage.js';

export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Journey extends Shop {
  /** The environment the services were started with, secrets included. */
  env: Env;
  /** Sends one operation through the gateway, by default with the development API key. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    authorization?: string | null,
  ): Promise<GraphQLResponse<TData>>;
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
    ...ephemeralShopEnv,
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
  const shop = await startShop(env, { mongoClient: options.database?.client, bus: options.bus });
  return {
    ...shop,
    env,
    query: <TData>(query: string, variables?: Record<string, unknown>, authorization?: string | null) =>
      postGraphQL<TData>(shop.gatewayUrl, query, variables, authorization),
  };
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
