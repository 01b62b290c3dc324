import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { maskUnexpectedErrors } from '../shared/graphql/subgraph.js';
import { type RunningHttpServer, sendJson, serveGraphQL } from '../shared/http/server.js';
import { createLogger, type Logger } from '../shared/logging.js';
import type { ServiceApp } from '../shared/service.js';
import { composeRepositorySupergraph } from './compose.js';
import type { GatewayConfig } from './config.js';
import { contextForRequest, type GatewayContext } from './context.js';
import { collectRoute } from './edge/collect.js';
import { newsletterPrefix, newsletterRoute } from './edge/newsletter.js';
import { staticFile } from './edge/static.js';
import { clickRoute, openRoute, TrackingLinks, trackingPrefixes } from './edge/tracking-links.js';
import { visitRoute } from './edge/visit.js';
import { SubgraphSource } from './subgraph-source.js';
import { SubscriptionPlanner } from './subscriptions/planner.js';
import { serveGatewaySockets } from './subscriptions/server.js';
import { UpstreamSubscriptions } from './subscriptions/upstream.js';

export const name = 'gateway';

const trackerFile = new URL('./tracker/tracker.js', import.meta.url);
const demoPage = new URL('./demo/index.html', import.meta.url);

async function supergraphOf(config: GatewayConfig): Promise<string> {
  if (config.supergraphFile === undefined) return composeRepositorySupergraph(config.subgraphUrls);
  try {
    return await readFile(config.supergraphFile, 'utf8');
  } catch (error) {
    throw new Error(`SUPERGRAPH_FILE ${config.supergraphFile} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function formatGatewayError(production: boolean) {
  const mask = maskUnexpectedErrors(production);
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const masked = mask(formatted);
    if (!production || masked.extensions?.stacktrace === undefined) return masked;
    // A subgraph run in development mode sends stack traces; they stop here in production.
    const { stacktrace: _, ...extensions } = masked.extensions;
    return { ...masked, extensions };
  };
}

export interface GatewayApp extends ServiceApp {
  /** graphql-ws sockets open to subgraphs now. */
  upstreamSockets(): number;
}

export async function buildApp(options: { config: GatewayConfig; logger?: Logger }): Promise<GatewayApp> {
  const { config } = options;
  const logger = options.logger ?? createLogger(name, config.logLevel);
  // Without this, @apollo/gateway starts an OpenTelemetry exporter that probes cloud metadata
  // hosts and reports to Apollo; journeygraph makes no outbound connections.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const supergraphSdl = await supergraphOf(config);
  const planner = new SubscriptionPlanner(supergraphSdl);
  // One data source per subgraph, shared by queries and by the subscriptions' per-message plans.
  const sources = Object.fromEntries(
    [...planner.subgraphUrls].map(([subgraph, url]) => [subgraph, new SubgraphSource(subgraph, url)]),
  );
  const upstream = new UpstreamSubscriptions(planner.subgraphUrls, config.upstreamRetryAttempts);
  let running: RunningHttpServer | undefined;
  let sockets: { close(): Promise<void> } | undefined;

  return {
    name,
    async start() {
      const gateway = new ApolloGateway({
        supergraphSdl,
        logger,
        buildService: ({ name: subgraph }) => {
          const source = sources[subgraph];
          if (source === undefined) throw new Error(`the supergraph names no URL for subgraph ${subgraph}`);
          return source;
        },
      });
      const apollo = new ApolloServer<GatewayContext>({
        gateway,
        includeStacktraceInErrorResponses: !config.production,
        formatError: formatGatewayError(config.production),
        // main.ts stops everything in order on SIGINT/SIGTERM.
        stopOnTerminationSignals: false,
      });
      const links = new TrackingLinks(config.subgraphSecret);
      running = await serveGraphQL({
        apollo,
        context: (request) => contextForRequest(request, config),
        port: config.port,
        host: config.host,
        routes: {
          '/health': (_, response) => sendJson(response, 200, { status: 'ok', service: name }),
          '/collect': collectRoute(apollo, config),
          '/visit': visitRoute(apollo, config),
          '/tracker.js': staticFile(trackerFile, 'text/javascript; charset=utf-8', 3_600),
          '/demo': staticFile(demoPage, 'text/html; charset=utf-8', 60),
        },
        prefixRoutes: {
          [newsletterPrefix]: newsletterRoute(apollo, config, links),
          [trackingPrefixes.click]: clickRoute(apollo, config, links),
          [trackingPrefixes.open]: openRoute(apollo, config, links),
        },
      });
      sockets = serveGatewaySockets({
        server: running.server,
        apollo,
        config,
        planner,
        upstream,
        sources,
        logger,
      });
      return `${running.origin}/graphql`;
    },
    async stop() {
      await sockets?.close();
      sockets = undefined;
      await upstream.close();
      await running?.stop();
      running = undefined;
    },
    connectionsAccepted: () => running?.connectionsAccepted() ?? 0,
    upstreamSockets: () => upstream.openSockets(),
  };
}
