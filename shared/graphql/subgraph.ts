import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, parse } from 'graphql';

/** Reads a subgraph's `schema.graphql`, its source of truth, at start-up. */
export function loadTypeDefs(schemaFile: URL): DocumentNode {
  return parse(readFileSync(schemaFile, 'utf8'));
}

/**
 * In production an unexpected error reaches the client as a bare "internal server error": its
 * message may name internals. Errors the code raised on purpose carry a code and pass unchanged.
 */
export function maskUnexpectedErrors(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (!production || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    return { message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

export function createSubgraphApollo<TContext extends BaseContext>(options: {
  schema: GraphQLSchema;
  production: boolean;
}): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: !options.production,
    formatError: maskUnexpectedErrors(options.production),
    plugins: [
      // Inline traces feed Apollo's hosted usage reporting, which journeygraph does not use.
      ApolloServerPluginInlineTraceDisabled(),
      // No subgraph schema gives cache hints, so every answer is uncacheable anyway; the plugin
      // would still wrap every resolver to work that out, field by field.
      ApolloServerPluginCacheControlDisabled(),
    ],
    // The service's own main stops everything in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
  });
}
