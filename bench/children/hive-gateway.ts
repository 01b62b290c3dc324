import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { subgraphHeadersOf, supergraphFileOf } from './environment.js';

// Hive Gateway's runtime (what its CLI serves) on Node's own HTTP server, with the supergraph
// from a file and every default kept. The one addition is what a journeygraph subgraph requires:
// the caller header, and the client's Authorization passed on. Prints `hive gateway ready at URL`.
const headers = subgraphHeadersOf(process.env);
const gateway = createGatewayRuntime({
  supergraph: await readFile(supergraphFileOf(process.env), 'utf8'),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      ...headers,
      authorization: request.headers.get('authorization'),
    }),
  },
});
const server = createServer(gateway);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
console.log(`hive gateway ready at http://127.0.0.1:${port}/graphql`);
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void Promise.resolve(gateway[Symbol.asyncDispose]()).finally(() => process.exit(0));
});
