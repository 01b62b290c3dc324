import type { Server } from 'node:http';
import { GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { callerHeader, verifyCallerAssertion } from '../auth/caller-assertion.js';
import type { Caller } from '../auth/caller.js';

/**
 * graphql-ws on a subgraph's `/graphql`, for the gateway's upstream subscriptions. Many
 * subscribers share one gateway socket, so who is asking travels with each subscription, signed,
 * in `extensions` under the same name as the HTTP header.
 */
export function serveSubscriptions<TContext>(options: {
  server: Server;
  schema: GraphQLSchema;
  subgraphSecret: Uint8Array;
  context: (caller: Caller) => TContext;
}): { close(): Promise<void> } {
  const sockets = new WebSocketServer({ server: options.server, path: '/graphql' });
  const disposable = useServer(
    {
      schema: options.schema,
      onSubscribe: async (_, __, payload) => {
        const assertion = payload.extensions?.[callerHeader];
        let caller: Caller;
        try {
          caller = await verifyCallerAssertion(
            typeof assertion === 'string' ? assertion : undefined,
            options.subgraphSecret,
          );
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('not authenticated')];
        }
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(options.schema, document);
        if (errors.length > 0) return errors;
        return {
          schema: options.schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: options.context(caller),
        };
      },
    },
    sockets,
  );
  return {
    // Closes every socket with 1001 Going Away, so clients know to reconnect elsewhere.
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
