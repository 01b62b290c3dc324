import { withDevelopmentSecrets } from './shared/config/secrets.js';
import { type Shop, startShop } from './shop.js';

// `npm start`: the four subgraphs and the gateway in one process, each on its own port, each
// exactly as it runs alone.
const startedAt = performance.now();
// One process, so one set of development secrets: what profile signs, the gateway verifies.
const env = withDevelopmentSecrets(process.env);
let shop: Shop | undefined;

async function start(): Promise<void> {
  shop = await startShop(env, { onListening: (name, url) => console.log(`${name.padEnd(14)} ${url}`) });
  console.log(
    `journeygraph ready in ${Math.round(performance.now() - startedAt)} ms: open ${shop.gatewayUrl}`,
  );
}

async function stop(code: number): Promise<never> {
  await shop?.stop();
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
start().catch(async (error: unknown) => {
  console.error(`journeygraph cannot start: ${(error as Error).message}`);
  await stop(1);
});
