import type { MongoClient } from 'mongodb';
import { buildApp as buildGateway, type GatewayApp } from './gateway/app.js';
import { readGatewayConfig } from './gateway/config.js';
import type { SubgraphName } from './gateway/subgraphs.js';
import { type Bus, inProcessBus } from './shared/bus/bus.js';
import { readBusConfig } from './shared/bus/open.js';
import type { CatalogServiceApp } from './shared/catalog/service.js';
import type { Env } from './shared/config/env.js';
import type { ServiceApp } from './shared/service.js';
import { buildApp as buildNewsletter } from './subgraphs/newsletter/app.js';
import { readNewsletterConfig } from './subgraphs/newsletter/config.js';
import { buildApp as buildProfile, type ProfileApp } from './subgraphs/profile/app.js';
import { readProfileConfig } from './subgraphs/profile/config.js';
import { buildApp as buildRecommendation, type RecommendationApp } from './subgraphs/recommendation/app.js';
import { readRecommendationConfig } from './subgraphs/recommendation/config.js';
import { buildApp as buildSearch } from './subgraphs/search/app.js';
import { readSearchConfig } from './subgraphs/search/config.js';

/**
 * A shop that runs beside other work (tests, evaluation, benchmarks): every service on a free
 * port of the loopback interface, logs silent.
 */
export const ephemeralShopEnv: Env = {
  HOST: '127.0.0.1',
  GATEWAY_PORT: '0',
  PROFILE_PORT: '0',
  SEARCH_PORT: '0',
  RECOMMENDATION_PORT: '0',
  NEWSLETTER_PORT: '0',
  LOG_LEVEL: 'silent',
};

/** The four subgraphs and the gateway of one process, each on its own port. */
export interface Shop {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  profile: ProfileApp;
  search: CatalogServiceApp;
  recommendation: RecommendationApp;
  newsletter: CatalogServiceApp;
  gateway: GatewayApp;
  /** Stops the services, then the bus if this shop opened it. */
  stop(): Promise<void>;
}

/**
 * Starts the whole shop in this process, each service exactly as it runs alone, the gateway
 * routed to the ports the subgraphs really got (`npm start`, the tests, the evaluation, the
 * benchmarks). Without REDIS_URL the services share one in-process bus; with it, each opens its
 * own connection, as separate processes do.
 */
export async function startShop(
  env: Env,
  options: {
    mongoClient?: MongoClient | undefined;
    /** A bus to share with another shop (two instances of one deployment). */
    bus?: Bus | undefined;
    /** Told of each service as it starts listening. */
    onListening?: (name: string, url: string) => void;
  } = {},
): Promise<Shop> {
  const { mongoClient } = options;
  const ownBus =
    options.bus === undefined && readBusConfig(env).kind === 'in-process' ? inProcessBus() : undefined;
  const bus = options.bus ?? ownBus;
  const started: ServiceApp[] = [];
  const stop = async () => {
    await Promise.allSettled(started.reverse().map((app) => app.stop()));
    await ownBus?.close();
  };
  const listen = async (app: ServiceApp) => {
    const url = await app.start();
    started.push(app);
    options.onListening?.(app.name, url);
    return url;
  };
  try {
    const [profile, search, recommendation, newsletter] = await Promise.all([
      buildProfile({ config: readProfileConfig(env), mongoClient, bus }),
      buildSearch({ config: readSearchConfig(env), mongoClient, bus }),
      buildRecommendation({ config: readRecommendationConfig(env), mongoClient, bus }),
      buildNewsletter({ config: readNewsletterConfig(env), mongoClient, bus }),
    ]);
    const subgraphUrls: Record<SubgraphName, string> = {
      profile: await listen(profile),
      search: await listen(search),
      recommendation: await listen(recommendation),
      newsletter: await listen(newsletter),
    };
    const gateway = await buildGateway({ config: { ...readGatewayConfig(env), subgraphUrls } });
    const gatewayUrl = await listen(gateway);
    return { gatewayUrl, subgraphUrls, profile, search, recommendation, newsletter, gateway, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
