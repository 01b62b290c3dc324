import { inProcessBus } from '../../shared/bus/bus.js';
import type { ServiceApp } from '../../shared/service.js';
import { buildApp as buildNewsletter } from '../../subgraphs/newsletter/app.js';
import { readNewsletterConfig } from '../../subgraphs/newsletter/config.js';
import { buildApp as buildProfile } from '../../subgraphs/profile/app.js';
import { readProfileConfig } from '../../subgraphs/profile/config.js';
import { buildApp as buildRecommendation } from '../../subgraphs/recommendation/app.js';
import { readRecommendationConfig } from '../../subgraphs/recommendation/config.js';
import { buildApp as buildSearch } from '../../subgraphs/search/app.js';
import { readSearchConfig } from '../../subgraphs/search/config.js';

// The four subgraphs in one process of their own, sharing an in-process bus as `npm start` does,
// so that each gateway under test runs alone in its process against the same subgraphs.
// Prints `subgraphs ready {"profile":URL,…}`.
const env = process.env;
const bus = inProcessBus();
const apps: ServiceApp[] = await Promise.all([
  buildProfile({ config: readProfileConfig(env), bus }),
  buildSearch({ config: readSearchConfig(env), bus }),
  buildRecommendation({ config: readRecommendationConfig(env), bus }),
  buildNewsletter({ config: readNewsletterConfig(env), bus }),
]);
const urls: Record<string, string> = {};
for (const app of apps) urls[app.name] = await app.start();
console.log(`subgraphs ready ${JSON.stringify(urls)}`);

process.once('SIGTERM', () => {
  void Promise.allSettled(apps.map((app) => app.stop()))
    .then(() => bus.close())
    .then(() => process.exit(0));
});
