import { type Client, createClient } from 'graphql-ws';
import type { ExecutionResult } from 'graphql';
import WebSocket from 'ws';

export interface UpstreamRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string | undefined;
  extensions: Record<string, unknown>;
}

/**
 * The gateway's graphql-ws connections to subgraphs: one socket per subgraph, shared by every
 * subscription to it, opened with the first and closed with the last. A dropped socket is
 * retried with backoff and its subscriptions resume; when retries run out, each subscription
 * ends with an error instead of hanging.
 */
export class UpstreamSubscriptions {
  private readonly clients = new Map<string, Client>();
  private connected = new Set<string>();

  constructor(
    private readonly subgraphUrls: ReadonlyMap<string, string>,
    private readonly retryAttempts: number,
  ) {}

  private clientFor(subgraph: string): Client {
    let client = this.clients.get(subgraph);
    if (client !== undefined) return client;
    const url = this.subgraphUrls.get(subgraph);
    if (url === undefined) throw new Error(`the supergraph names no URL for subgraph ${subgraph}`);
    client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 0,
      retryAttempts: this.retryAttempts,
      // Any close of a socket that has subscriptions is worth a retry: a restarting subgraph
      // closes with 1001, a killed one with 1006.
      shouldRetry: () => true,
      on: {
        connected: () => this.connected.add(subgraph),
        closed: () => this.connected.delete(subgraph),
      },
    });
    this.clients.set(subgraph, client);
    return client;
  }

  subscribe(subgraph: string, request: UpstreamRequest): AsyncIterableIterator<ExecutionResult> {
    return this.clientFor(subgraph).iterate(request) as AsyncIterableIterator<ExecutionResult>;
  }

  /** Upstream sockets open now: zero when no subscription is active. */
  openSockets(): number {
    return this.connected.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.dispose()));
    this.clients.clear();
    this.connected.clear();
  }
}
