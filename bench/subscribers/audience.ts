import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { VisitorUpdatedMessage } from './workloads.js';

/** Subscribers, each on its own graphql-ws connection, as each visitor's browser would be. */
export interface Audience {
  /** Connections that closed or failed while subscribed. */
  failures(): number;
  /** How the first of them ended, if one did. */
  firstFailure(): string | undefined;
  close(): Promise<void>;
}

/**
 * Opens one connection per visitor, `concurrency` handshakes at a time, and subscribes each to
 * `query` with `{ id: visitorIds[i] }`. Resolves once every connection is acknowledged; whether
 * each subscription is live upstream only a first message tells (see the warm-up).
 */
export async function openAudience(options: {
  url: string;
  visitorIds: readonly string[];
  authorization: (visitor: number) => string;
  query: string;
  onMessage: (visitor: number, message: VisitorUpdatedMessage) => void;
  concurrency?: number;
}): Promise<Audience> {
  const { url, visitorIds, query, onMessage, concurrency = 200 } = options;
  const clients: Client[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let closing = false;

  const connect = (visitor: number) =>
    new Promise<void>((resolve, reject) => {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: options.authorization(visitor) },
        retryAttempts: 0,
        lazy: true,
        on: {
          connected: () => resolve(),
          closed: (event) =>
            reject(new Error(`subscriber ${visitor} closed: ${JSON.stringify(event, ['code', 'reason'])}`)),
        },
      });
      clients.push(client);
      client.subscribe<VisitorUpdatedMessage['data']>(
        { query, variables: { id: visitorIds[visitor] } },
        {
          next: (message) => onMessage(visitor, message as VisitorUpdatedMessage),
          error: (error) => {
            if (closing) return;
            failures += 1;
            // A close event (code and reason) or an error list.
            firstFailure ??= JSON.stringify(error, ['code', 'reason', 'message']);
          },
          complete: () => undefined,
        },
      );
    });

  let next = 0;
  const worker = async () => {
    while (next < visitorIds.length) await connect(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, visitorIds.length) }, worker));
  } catch (error) {
    closing = true;
    await Promise.all(clients.map((client) => client.dispose()));
    throw error;
  }
  return {
    failures: () => failures,
    firstFailure: () => firstFailure,
    close: async () => {
      closing = true;
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}
