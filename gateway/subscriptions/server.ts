import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { ServiceMap } from '@apollo/gateway';
import { type ExecutionResult, GraphQLError, getOperationAST, print } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller } from '../../shared/auth/caller.js';
import type { Logger } from '../../shared/logging.js';
import { authenticate } from '../authenticate.js';
import type { GatewayConfig } from '../config.js';
import { contextForCaller, type GatewayContext } from '../context.js';
import { ValidDocuments } from './documents.js';
import { federatedSubscription } from './execute.js';
import type { SubscriptionPlanner } from './planner.js';
import type { UpstreamSubscriptions } from './upstream.js';
import { clientAddress } from '../client-address.js';

interface ConnectionState {
  context?: GatewayContext;
  /** Subscription ids active on this connection. */
  subscriptions: Set<string>;
}

type SocketContext = Context<Record<string, unknown> | undefined, { state?: ConnectionState }>;

function stateOf(ctx: SocketContext): ConnectionState {
  ctx.extra.state ??= { subscriptions: new Set() };
  return ctx.extra.state;
}

/**
 * graphql-ws on the gateway's `/graphql`: the same credentials as HTTP, sent as `authorization`
 * in `connection_init`; queries and mutations run like HTTP ones, subscriptions across subgraphs
 * (execute.ts). Limits per connection and per visitor keep one client from holding everything.
 */
export function serveGatewaySockets(options: {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  config: GatewayConfig;
  planner: SubscriptionPlanner;
  upstream: UpstreamSubscriptions;
  sources: ServiceMap;
  logger: Logger;
}): { close(): Promise<void> } {
  const { config, planner } = options;
  const sockets = new WebSocketServer({ server: options.server, path: '/graphql' });
  const contextFor = (caller: Caller) => contextForCaller(caller, config);
  const documents = new ValidDocuments(planner.apiGraphQLSchema);
  const perVisitor = new Map<string, number>();

  const release = (state: ConnectionState, id: string) => {
    if (!state.subscriptions.delete(id)) return;
    const caller = state.context?.caller;
    if (caller?.kind !== 'visitor') return;
    const count = (perVisitor.get(caller.visitorId) ?? 1) - 1;
    if (count <= 0) perVisitor.delete(caller.visitorId);
    else perVisitor.set(caller.visitorId, count);
  };

  const disposable = useServer<Record<string, unknown> | undefined, { state?: ConnectionState }>(
    {
      schema: planner.apiGraphQLSchema,
      connectionInitWaitTimeout: config.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const caller = await authenticate(
            typeof authorization === 'string' ? authorization : undefined,
            config.apiKeys,
            config.visitorTokenSecret,
            clientAddress(ctx.extra.request, config.trustedProxies),
          );
          stateOf(ctx).context = await contextForCaller(caller, config);
          return true;
        } catch {
          // graphql-ws closes with 4403 Forbidden.
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = stateOf(ctx);
        const operation = documents.read(payload.query);
        if ('errors' in operation) return [...operation.errors];
        const { document } = operation;
        const operationName = payload.operationName ?? undefined;
        if (getOperationAST(document, operationName)?.operation === 'subscription') {
          if (state.subscriptions.size >= config.subscriptionsPerConnection) {
            return [
              new GraphQLError(`at most ${config.subscriptionsPerConnection} subscriptions per connection`, {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
              }),
            ];
          }
          const caller = state.context?.caller;
          if (caller?.kind === 'visitor') {
            const count = perVisitor.get(caller.visitorId) ?? 0;
            if (count >= config.subscriptionsPerVisitor) {
              return [
                new GraphQLError(`at most ${config.subscriptionsPerVisitor} subscriptions per visitor`, {
                  extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
                }),
              ];
            }
            perVisitor.set(caller.visitorId, count + 1);
          }
          state.subscriptions.add(id);
        }
        return {
          schema: planner.apiGraphQLSchema,
          document,
          variableValues: payload.variables ?? {},
          operationName,
          // Signed now: the connection may be older than the signed caller made for it.
          contextValue: state.context && (await contextFor(state.context.caller)),
        };
      },
      execute: async (args) => {
        const response = await options.apollo.executeOperation(
          {
            query: print(args.document),
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            operationName: args.operationName ?? undefined,
          },
          { contextValue: args.contextValue as GatewayContext },
        );
        if (response.body.kind !== 'single')
          throw new Error('incremental delivery is not served over graphql-ws');
        return response.body.singleResult as ExecutionResult;
      },
      subscribe: (args) =>
        federatedSubscription(
          { ...options, contextFor },
          {
            document: args.document,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            operationName: args.operationName ?? undefined,
          },
          args.contextValue as GatewayContext,
        ),
      onComplete: (ctx, id) => release(stateOf(ctx), id),
      onError: (ctx, id) => release(stateOf(ctx), id),
      onClose: (ctx) => {
        const state = stateOf(ctx);
        for (const id of [...state.subscriptions]) release(state, id);
      },
    },
    sockets,
  );

  return {
    // graphql-ws closes every socket with 1001 Going Away: clients reconnect to another gateway.
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}
