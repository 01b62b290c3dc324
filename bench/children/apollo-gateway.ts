import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { subgraphHeadersOf, supergraphFileOf } from './environment.js';

// Stock `@apollo/gateway` as its documentation sets it up: the supergraph from a file, Apollo
// Server's standalone HTTP server, every default kept (its make-fetch-happen fetcher included).
// The one addition is what a journeygraph subgraph requires: the caller header, and the client's
// Authorization passed on. Prints `apollo gateway ready at URL`.
interface StockContext {
  authorization: string | undefined;
}

const headers = subgraphHeadersOf(process.env);

class SignedCallerSource extends RemoteGraphQLDataSource<StockContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<StockContext>['willSendRequest']>>[0]) {
    for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
    if (context.authorization !== undefined)
      request.http?.headers.set('authorization', context.authorization);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: await readFile(supergraphFileOf(process.env), 'utf8'),
  buildService: ({ url }) => new SignedCallerSource({ url }),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`apollo gateway ready at ${url}`);
process.once('SIGTERM', () => void server.stop().finally(() => process.exit(0)));
