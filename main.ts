import { buildApp as buildGateway } from './gateway/app.js';
import { readGatewayConfig } from './gateway/config.js';
import type { SubgraphName } from './gateway/subgraphs.js';
import { type Bus, inProcessBus } from './shared/bus/bus.js';
import { readBusConfig } from './shared/bus/open.js';
import { withDevelopmentSecrets } from './shared/config/secrets.js';
import type { ServiceApp } from './shared/service.js';
import { buildApp as buildNewsletter } from './subgraphs/newsletter/app.js';
import { readNewsletterConfig } from './subgraphs/newsletter/config.js';
import { buildApp as buildProfile } from './subgraphs/profile/app.js';
import { readProfileConfig } from './subgraphs/profile/config.js';
import { buildApp as buildRecommendation } from './subgraphs/recommendation/app.js';
import { readRecommendationConfig } from './subgraphs/recommendation/config.js';
import { buildApp as buildSearch } from './subgraphs/search/app.js';
import { readSearchConfig } from './subgraphs/search/config.js';

// `npm start`: the four subgraphs and the gateway in one process, each on its own port, each
// exactly as it runs alone. The gateway is routed to the ports the subgraphs really got.
const startedAt = performance.now();
// One process, so one set of development secrets: what profile signs, the gateway verifies.
const env = withDevelopmentSecrets(process.env);
const started: ServiceApp[] = [];
let sharedBus: Bus | undefined;

async function startService(app: ServiceApp): Promise<string> {
  const url = await app.start();
  started.push(app);
  console.log(`${app.name.padEnd(14)} ${url}`);
  return url;
}

async function start(): Promise<void> {
  // Without REDIS_URL the services of this process share one in-process bus; with it, each
  // opens its own connection, exactly as separate processes do.
  const bus = readBusConfig(env).kind === 'in-process' ? inProcessBus() : undefined;
  sharedBus = bus;
  const [profile, search, recommendation, newsletter] = await Promise.all([
    buildProfile({ config: readProfileConfig(env), bus }),
    buildSearch({ config: readSearchConfig(env), bus }),
    buildRecommendation({ config: readRecommendationConfig(env), bus }),
    buildNewsletter({ config: readNewsletterConfig(env), bus }),
  ]);
  const subgraphUrls: Record<SubgraphName, string> = {
    profile: await startService(profile),
    search: await startService(search),
    recommendation: await startService(recommendation),
    newsletter: await startService(newsletter),
  };
  const gateway = await buildGateway({ config: { ...readGatewayConfig(env), subgraphUrls } });
  const url = await startService(gateway);
  console.log(`journeygraph ready in ${Math.round(performance.now() - startedAt)} ms: open ${url}`);
}

async function stop(code: number): Promise<never> {
  await Promise.allSettled(started.reverse().map((app) => app.stop()));
  await sharedBus?.close();
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
start().catch(async (error: unknown) => {
  console.error(`journeygraph cannot start: ${(error as Error).message}`);
  await stop(1);
});
