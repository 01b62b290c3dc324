import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompositionError, composeRepositorySupergraph } from './compose.js';
import { readGatewayConfig } from './config.js';

// `npm run compose [-- --out FILE] [--schemas DIR]`: composes the four subgraph SDL files and
// writes the supergraph for gateways run with SUPERGRAPH_FILE, routed to the subgraph URLs of
// this environment (PROFILE_URL, SEARCH_URL, …). `--schemas` composes another checkout's SDL
// files, e.g. a subgraph team's proposed change. Exit code 1 with every error on a bad schema.
const usage = 'usage: npm run compose -- [--out supergraph.graphql] [--schemas DIR]';

try {
  const { values } = parseArgs({ options: { out: { type: 'string' }, schemas: { type: 'string' } } });
  const output =
    values.out === undefined
      ? fileURLToPath(new URL('../supergraph.graphql', import.meta.url))
      : resolve(values.out);
  const supergraph = await composeRepositorySupergraph(
    readGatewayConfig(process.env).subgraphUrls,
    values.schemas === undefined ? undefined : resolve(values.schemas),
  );
  await writeFile(output, supergraph);
  console.log(`supergraph written to ${output}`);
} catch (error) {
  if (error instanceof CompositionError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(`${(error as Error).message}\n${usage}`);
  else console.error(`compose failed: ${(error as Error).message}`);
  process.exit(1);
}
