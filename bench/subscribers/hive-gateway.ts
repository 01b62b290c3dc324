import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { subgraphHeadersOf, supergraphFileOf } from '../children/environment.js';

// Hive Gateway's runtime served as its CLI serves it, HTTP and graphql-ws on /graphql, with the
// supergraph from a file. Our subgraphs speak only graphql-ws for subscriptions, so Hive is told
// to subscribe to the profile subgraph that way. The one addition is what a journeygraph subgraph
// requires: the pre-signed caller, as a header on every fetch and, since one upstream socket
// carries many subscriptions, in each subscription's `extensions`. Prints
// `hive gateway ready at URL`.
const headers = subgraphHeadersOf(process.env);

const signedCaller: GatewayPlugin = {
  onFetch: ({ options, setOptions }) => {
    const sent = new Headers(options.headers as HeadersInit | undefined);
    for (const [name, value] of Object.entries(headers)) sent.set(name, value);
    setOptions({ ...options, headers: Object.fromEntries(sent) });
  },
  onSubgraphExecute: ({ executionRequest, setExecutionRequest }) => {
    setExecutionRequest({ ...executionRequest, extensions: { ...executionRequest.extensions, ...headers } });
  },
};

const gateway = createGatewayRuntime({
  supergraph: await readFile(supergraphFileOf(process.env), 'utf8'),
  logging: 'error',
  // The benchmark reports what failed, rather than "Unexpected error".
  maskedErrors: false,
  transportEntries: {
    profile: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } },
  },
  plugins: () => [signedCaller],
});

// Hive loads the supergraph on the first HTTP request; a graphql-ws subscription before that
// fails with "Expected null to be a GraphQL schema".
const first = await gateway.fetch('http://127.0.0.1/graphql?query=%7B__typename%7D');
if (!first.ok) throw new Error(`Hive Gateway did not load the supergraph: ${await first.text()}`);

const server = createServer(gateway);
const sockets = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
const disposable = useServer(
  getGraphQLWSOptions<Record<string, unknown>, Extra>(gateway, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: new gateway.fetchAPI.Request(`http://127.0.0.1${ctx.extra.request.url ?? '/graphql'}`, {
      headers: Object.entries(ctx.extra.request.headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
      ),
    }),
  })),
  sockets,
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
console.log(`hive gateway ready at http://127.0.0.1:${port}${gateway.graphqlEndpoint}`);

process.once('SIGTERM', () => {
  void Promise.resolve(disposable.dispose())
    .then(() => gateway[Symbol.asyncDispose]())
    .finally(() => {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
});
