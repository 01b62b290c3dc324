import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerHeader } from '../../shared/auth/caller-assertion.js';
import type { GatewayContext } from '../context.js';
import { SubgraphSource } from '../subgraph-source.js';

interface Answer {
  status: number;
  type: string;
  body: string;
  cacheControl?: string;
}

describe('a subgraph as the gateway calls it', () => {
  let server: Server;
  let source: SubgraphSource;
  let received: { headers: IncomingHttpHeaders; body: string }[];
  let answer: Answer;
  let hints: unknown[];
  /** Hashes the subgraph has been sent in full, as Apollo Server keeps them; null: it keeps none. */
  let persisted: Set<string> | null;

  /** An operation sent by its hash that the subgraph cannot look up, answered as Apollo Server does. */
  const persistedQueryMiss = (body: string): Answer | undefined => {
    const { query, extensions } = JSON.parse(body) as {
      query?: string;
      extensions?: { persistedQuery?: { sha256Hash: string } };
    };
    const hash = extensions?.persistedQuery?.sha256Hash;
    if (hash === undefined) return undefined;
    const code =
      persisted === null
        ? 'PERSISTED_QUERY_NOT_SUPPORTED'
        : query === undefined && !persisted.has(hash)
          ? 'PERSISTED_QUERY_NOT_FOUND'
          : undefined;
    if (query !== undefined) persisted?.add(hash);
    if (code === undefined) return undefined;
    return {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code } }] }),
    };
  };

  beforeEach(async () => {
    received = [];
    hints = [];
    persisted = new Set();
    answer = { status: 200, type: 'application/json; charset=utf-8', body: '{"data":{"ok":true}}' };
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        received.push({ headers: request.headers, body });
        const answer = persistedQueryMiss(body) ?? currentAnswer();
        const headers: Record<string, string> = { 'content-type': answer.type };
        if (answer.cacheControl !== undefined) headers['cache-control'] = answer.cacheControl;
        response.writeHead(answer.status, headers);
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const currentAnswer = () => answer;
    source = new SubgraphSource(
      'search',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    );
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const operation = () =>
    ({
      kind: 'incoming operation',
      request: { query: 'query($id: ID!) { product(id: $id) { title } }', variables: { id: 'JG-00351' } },
      context: { callerAssertion: 'signed-caller' } as GatewayContext,
      incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => hints.push(hint) } },
    }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

  const query = 'query($id: ID!) { product(id: $id) { title } }';
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };

  it('posts the operation as JSON with the signed caller and answers with the parsed body', async () => {
    await expect(source.process(operation())).resolves.toEqual({ data: { ok: true } });
    for (const { headers } of received) {
      expect(headers).toMatchObject({ 'content-type': 'application/json', [callerHeader]: 'signed-caller' });
    }
    expect(JSON.parse(received.at(-1)?.body ?? '')).toEqual({
      query,
      variables: { id: 'JG-00351' },
      extensions: { persistedQuery },
    });
  });

  it('sends an operation by its hash alone once the subgraph knows it, in full the first time', async () => {
    await source.process(operation());
    await expect(source.process(operation())).resolves.toEqual({ data: { ok: true } });
    expect(received.map(({ body }) => JSON.parse(body))).toEqual([
      { variables: { id: 'JG-00351' }, extensions: { persistedQuery } },
      { query, variables: { id: 'JG-00351' }, extensions: { persistedQuery } },
      { variables: { id: 'JG-00351' }, extensions: { persistedQuery } },
    ]);
  });

  it('sends every operation in full to a subgraph that keeps no persisted queries, after asking once', async () => {
    persisted = null;
    await source.process(operation());
    await expect(source.process(operation())).resolves.toEqual({ data: { ok: true } });
    expect(received.map(({ body }) => JSON.parse(body))).toEqual([
      { variables: { id: 'JG-00351' }, extensions: { persistedQuery } },
      { query, variables: { id: 'JG-00351' } },
      { query, variables: { id: 'JG-00351' } },
    ]);
  });

  it("reports the subgraph's own reason for an answer it rejects, with the subgraph's name", async () => {
    answer = {
      ...answer,
      status: 400,
      body: '{"errors":[{"message":"DateTime cannot represent \\"tomorrow\\""}]}',
    };
    await expect(source.process(operation())).rejects.toMatchObject({
      message: 'DateTime cannot represent "tomorrow"',
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'search' },
    });
  });

  it('names the status when a failed answer carries no reason', async () => {
    answer = { status: 502, type: 'text/html', body: '<h1>Bad Gateway</h1>' };
    await expect(source.process(operation())).rejects.toMatchObject({
      message: 'search answered HTTP 502',
      extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'search' },
    });
  });

  it('refuses an answer that is not a JSON object', async () => {
    answer = { status: 200, type: 'text/plain', body: 'hello' };
    await expect(source.process(operation())).rejects.toThrow(
      'Expected JSON response body, but received: hello',
    );
  });

  it("lets the gateway's answer be cached no longer than the subgraph's allows", async () => {
    answer = { ...answer, cacheControl: 'max-age=60, public' };
    await source.process(operation());
    answer = { ...answer, cacheControl: undefined };
    await source.process(operation());
    expect(hints).toEqual([{ maxAge: 60, scope: 'PUBLIC' }, { maxAge: 0 }]);
  });
});
