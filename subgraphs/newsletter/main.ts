import { runService } from '../../shared/main.js';
import { buildApp } from './app.js';
import { readNewsletterConfig } from './config.js';

await runService('newsletter', () => buildApp({ config: readNewsletterConfig(process.env) }));
