import type { IncomingMessage } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import { callerHeader, verifyCallerAssertion } from './auth/caller-assertion.js';
import type { Caller } from './auth/caller.js';
import type { ServiceConfig } from './config/service.js';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphApollo } from './graphql/subgraph.js';
import { serveSubscriptions } from './graphql/subscriptions.js';
import { type RunningHttpServer, sendJson, serveGraphQL } from './http/server.js';

/** What `buildApp()` of every service returns: the harness starts any set of them the same way. */
export interface ServiceApp {
  readonly name: string;
  /** Listens on the configured port (0: any free one); resolves to the GraphQL URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
  /** TCP connections the service accepted since it started. */
  connectionsAccepted(): number;
}

/** A subgraph's HTTP side: `/graphql` and `/health` on its own port. */
export function subgraphServer<TContext extends BaseContext>(options: {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  config: ServiceConfig;
  /** The request's context, for a caller the gateway vouched for. */
  context: (caller: Caller) => TContext;
  onStop: () => Promise<void>;
}): ServiceApp {
  const { name, config } = options;
  let running: RunningHttpServer | undefined;
  let subscriptions: { close(): Promise<void> } | undefined;
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as never }]);
  return {
    name,
    async start() {
      const apollo = createSubgraphApollo<TContext>({ schema, production: config.production });
      running = await serveGraphQL({
        apollo,
        context: async (request: IncomingMessage) => {
          const header = request.headers[callerHeader];
          const caller = await verifyCallerAssertion(
            Array.isArray(header) ? header[0] : header,
            config.subgraphSecret,
          );
          return options.context(caller);
        },
        port: config.port,
        host: config.host,
        routes: { '/health': (_, response) => sendJson(response, 200, { status: 'ok', service: name }) },
      });
      if (schema.getSubscriptionType()) {
        subscriptions = serveSubscriptions({
          server: running.server,
          schema,
          subgraphSecret: config.subgraphSecret,
          context: options.context,
        });
      }
      return `${running.origin}/graphql`;
    },
    async stop() {
      await subscriptions?.close();
      subscriptions = undefined;
      await running?.stop();
      running = undefined;
      await options.onStop();
    },
    connectionsAccepted: () => running?.connectionsAccepted() ?? 0,
  };
}
