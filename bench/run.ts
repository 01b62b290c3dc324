import { cpus } from 'node:os';
import { benchCollect } from './collect.js';
import { benchGatewayOverhead } from './gateway-overhead.js';
import { benchSubscriptions } from './subscriptions.js';

// `npm run bench [-- scenario]`: prints each scenario's figures with the machine and the date.
// Figures are measured in this run only; compare ratios within one run, not across machines.
const scenarios: Record<string, () => Promise<Record<string, number>>> = {
  collect: benchCollect,
  overhead: benchGatewayOverhead,
  subscriptions: benchSubscriptions,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in scenarios));
if (unknown.length > 0) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
console.log(
  `journeygraph bench, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
);
for (const name of wanted.length > 0 ? wanted : Object.keys(scenarios)) {
  const results = await (scenarios[name] as () => Promise<Record<string, number>>)();
  for (const [figure, value] of Object.entries(results))
    console.log(
      `${name.padEnd(10)} ${figure.padEnd(56)} ${value < 100 ? value.toFixed(1) : value.toFixed(0)}`,
    );
}
