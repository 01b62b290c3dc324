import { runService } from '../../shared/main.js';
import { buildApp } from './app.js';
import { readSearchConfig } from './config.js';

await runService('search', () => buildApp({ config: readSearchConfig(process.env) }));
