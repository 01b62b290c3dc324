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

  beforeEach(async () => {
    received = [];
    hints = [];
    answer = { status: 200, type: 'application/json; charset=utf-8', body: '{"data":{"ok":true}}' };
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
        const headers: Record<string, string> = { 'content-type': answer.type };
        if (answer.cacheControl !== undefined) headers['cache-control'] = answer.cacheControl;
        response.writeHead(answer.status, headers);
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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

  it('posts the operation as JSON with the signed caller and answers with the parsed body', async () => {
    await expect(source.process(operation())).resolves.toEqual({ data: { ok: true } });
    expect(received).toHaveLength(1);
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      [callerHeader]: 'signed-caller',
    });
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      query: 'query($id: ID!) { product(id: $id) { title } }',
      variables: { id: 'JG-00351' },
    });
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
