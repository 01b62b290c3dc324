import { runService } from '../shared/main.js';
import { buildApp } from './app.js';
import { readGatewayConfig } from './config.js';

await runService('gateway', () => buildApp({ config: readGatewayConfig(process.env) }));
