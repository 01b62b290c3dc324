import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';

export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: IncomingMessage) => Promise<TContext>;
  /** Extra paths next to `/graphql`, e.g. `/health`. */
  routes?: Record<string, Route>;
  /**
   * Routes that own every path under a prefix ending in `/`, e.g. `/r/` for `/r/<token>`. An exact
   * route or `/graphql` wins over a prefix; the longest matching prefix wins over shorter ones.
   */
  prefixRoutes?: Record<string, Route>;
  port: number;
  host: string;
  /**
   * Largest request body accepted.
   * @default 1_048_576 // 1 MiB
   */
  bodyLimitBytes?: number;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** `http://host:port` of the server, with the host reachable from this machine. */
  origin: string;
  /** TCP connections accepted so far: with keep-alive clients it stays far below the requests. */
  connectionsAccepted(): number;
  stop(): Promise<void>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw new HttpError(413, `request body is larger than ${limitBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new HttpError(413, `request body is larger than ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function graphQLRequestOf(
  request: IncomingMessage,
  url: URL,
  limitBytes: number,
): Promise<HTTPGraphQLRequest> {
  const headers = headerMapOf(request);
  let body: unknown;
  if (request.method === 'POST') {
    const text = await readBody(request, limitBytes);
    if ((headers.get('content-type') ?? '').includes('application/json')) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'request body is not valid JSON');
      }
    } else {
      body = text;
    }
  }
  return { method: request.method ?? 'GET', headers, search: url.search, body };
}

/**
 * Serves an Apollo Server on `/graphql` with plain `node:http`, next to a few extra routes. Apollo
 * Server 5 ships no HTTP framework; this is the small integration its docs describe.
 */
export async function serveGraphQL<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
): Promise<RunningHttpServer> {
  const { apollo, context, routes = {}, prefixRoutes = {}, port, host, bodyLimitBytes = 1_048_576 } = options;
  for (const prefix of Object.keys(prefixRoutes)) {
    if (!prefix.startsWith('/') || !prefix.endsWith('/'))
      throw new TypeError(`prefix route "${prefix}" must start and end with "/"`);
  }
  // Longest first, so that the most specific prefix owns a path.
  const prefixes = Object.keys(prefixRoutes).sort((a, b) => b.length - a.length);
  const routeFor = (pathname: string): Route | undefined => {
    if (Object.hasOwn(routes, pathname)) return routes[pathname];
    const prefix = prefixes.find((candidate) => pathname.startsWith(candidate));
    return prefix === undefined ? undefined : prefixRoutes[prefix];
  };

  const handleGraphQL = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const httpGraphQLRequest = await graphQLRequestOf(request, url, bodyLimitBytes);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => context(request),
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = url.pathname === '/graphql' ? undefined : routeFor(url.pathname);
    const work =
      url.pathname === '/graphql'
        ? handleGraphQL(request, response, url)
        : route !== undefined
          ? route(request, response)
          : Promise.resolve(sendJson(response, 404, { error: `no route ${url.pathname}` }));
    Promise.resolve(work).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'internal server error';
      if (!response.headersSent) sendJson(response, status, { error: message });
      else response.end();
    });
  });
  // Gateways keep connections to subgraphs open; outlive their idle timeout to avoid resets.
  server.keepAliveTimeout = 65_000;
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });

  await apollo.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const reachableHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    server,
    port: boundPort,
    origin: `http://${reachableHost}:${boundPort}`,
    connectionsAccepted: () => connections,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await apollo.stop();
      server.closeAllConnections();
      await closed;
    },
  };
}
