import { runService } from '../../shared/main.js';
import { buildApp } from './app.js';
import { readRecommendationConfig } from './config.js';

await runService('recommendation', () => buildApp({ config: readRecommendationConfig(process.env) }));
