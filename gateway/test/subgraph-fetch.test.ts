import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postToSubgraph } from '../subgraph-fetch.js';

interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('the POST the gateway calls subgraphs with', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let connections: number;
  let answer: { status: number; body: string };

  beforeEach(async () => {
    received = [];
    connections = 0;
    answer = { status: 200, body: '{"data":{"ok":true}}' };
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method,
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        });
        response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(answer.body);
      });
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the method, the headers and the body with its length, and reads the answer whole', async () => {
    const body = JSON.stringify({
      query: '{ product(id: "JG-00351") { title } }',
      variables: { word: 'Größe' },
    });
    const answer = await postToSubgraph(url, body, {
      'content-type': 'application/json',
      'x-journeygraph-caller': 'signed',
    });
    expect(received).toEqual([
      {
        method: 'POST',
        headers: expect.objectContaining({
          'content-type': 'application/json',
          'x-journeygraph-caller': 'signed',
          'content-length': String(Buffer.byteLength(body)),
        }),
        body,
      },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).toEqual({ data: { ok: true } });
  });

  it('keeps one connection open for requests that follow each other', async () => {
    for (let request = 0; request < 5; request += 1) {
      await postToSubgraph(url, '{}', { 'content-type': 'application/json' });
    }
    expect(received).toHaveLength(5);
    expect(connections).toBe(1);
  });

  it('hands an error answer over with its status and body, for the data source to report', async () => {
    answer = { status: 400, body: '{"errors":[{"message":"DateTime cannot represent \\"tomorrow\\""}]}' };
    const rejected = await postToSubgraph(url, '{}', {});
    expect(rejected.status).toBe(400);
    expect(rejected.statusText).toBe('Bad Request');
    expect(rejected.body).toBe(answer.body);
  });

  it('fails when the subgraph cannot be reached', async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await expect(postToSubgraph(url, '{}', {})).rejects.toThrow(/ECONNREFUSED/);
  });
});
