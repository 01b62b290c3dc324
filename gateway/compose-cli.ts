import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CompositionError, composeRepositorySupergraph } from './compose.js';
import { readGatewayConfig } from './config.js';

// `npm run compose`: writes supergraph.graphql for gateways run with SUPERGRAPH_FILE, routed to
// the subgraph URLs of this environment (PROFILE_URL, SEARCH_URL, …).
const output = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
try {
  const supergraph = await composeRepositorySupergraph(readGatewayConfig(process.env).subgraphUrls);
  await writeFile(output, supergraph);
  console.log(`supergraph written to ${output}`);
} catch (error) {
  console.error(
    error instanceof CompositionError ? error.message : `compose failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
