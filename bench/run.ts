import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCollect } from './collect.js';
import { benchGatewayOverhead } from './gateway-overhead.js';
import { benchLargeResponse } from './large.js';
import { benchNewsletter } from './newsletter.js';
import { benchSearch } from './search.js';
import { benchStartup } from './startup.js';
import { benchSubscribers } from './subscribers.js';
import { benchSubscriptions } from './subscriptions.js';
import { type Figures, headerLine, newReport, tableLines, writeReport } from './support/report.js';
import { benchVisitor } from './visitor.js';

// `npm run bench [-- scenario …] [-- --json file]`: runs the scenarios (all by default), prints
// each one's figures under the machine and the date, and writes them as JSON
// (bench/results/latest.json unless --json names another file). Figures are measured in this run
// only; compare ratios within one run, not across machines.
const scenarios: Record<string, () => Promise<Figures>> = {
  visitor: benchVisitor,
  large: benchLargeResponse,
  overhead: benchGatewayOverhead,
  collect: benchCollect,
  subscriptions: benchSubscriptions,
  subscribers: benchSubscribers,
  newsletter: benchNewsletter,
  search: benchSearch,
  startup: benchStartup,
};

const { values, positionals } = parseArgs({
  options: {
    json: { type: 'string', default: fileURLToPath(new URL('results/latest.json', import.meta.url)) },
  },
  allowPositionals: true,
});
const unknown = positionals.filter((name) => !Object.hasOwn(scenarios, name));
if (unknown.length > 0) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const report = newReport();
console.log(headerLine(report));
for (const name of positionals.length > 0 ? positionals : Object.keys(scenarios)) {
  const figures = await (scenarios[name] as () => Promise<Figures>)();
  report.scenarios[name] = figures;
  for (const line of tableLines(name, figures)) console.log(line);
}
await writeReport(report, values.json);
console.log(`written to ${values.json}`);
