import { runService } from '../../shared/main.js';
import { buildApp } from './app.js';
import { readProfileConfig } from './config.js';

await runService('profile', () => buildApp({ config: readProfileConfig(process.env) }));
