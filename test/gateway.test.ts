import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildGateway } from '../gateway/app.js';
import { composeRepositorySupergraph } from '../gateway/compose.js';
import { readGatewayConfig } from '../gateway/config.js';
import { type Journey, postGraphQL, startJourney } from './support/journey.js';

describe('the gateway', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney({ storage: 'memory' });
  });
  afterAll(async () => {
    await journey?.stop();
  });

  const gatewayWith = (overrides: Partial<ReturnType<typeof readGatewayConfig>>) =>
    buildGateway({
      config: { ...readGatewayConfig(journey.env), subgraphUrls: journey.subgraphUrls, ...overrides },
    });

  it('answers /health on the gateway and on every subgraph', async () => {
    const urls = [journey.gatewayUrl, ...Object.values(journey.subgraphUrls)];
    for (const url of urls) {
      const response = await fetch(new URL('/health', url));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    }
  });

  it('reuses pooled keep-alive connections to a subgraph instead of one per request', async () => {
    const before = journey.search.connectionsAccepted();
    for (let request = 0; request < 30; request += 1) {
      const { errors } = await journey.query(`{ product(id: "JG-00001") { id title } }`);
      expect(errors).toBeUndefined();
    }
    expect(journey.search.connectionsAccepted() - before).toBeLessThanOrEqual(2);
  });

  it('serves any supergraph file given as SUPERGRAPH_FILE, routing to the URLs written in it', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'journeygraph-supergraph-')), 'supergraph.graphql');
    await writeFile(file, await composeRepositorySupergraph(journey.subgraphUrls));
    const gateway = await gatewayWith({
      supergraphFile: file,
      subgraphUrls: {
        profile: 'http://127.0.0.1:9/',
        search: 'http://127.0.0.1:9/',
        recommendation: 'http://127.0.0.1:9/',
        newsletter: 'http://127.0.0.1:9/',
      },
    });
    const url = await gateway.start();
    try {
      const { data } = await postGraphQL<{ product: { title: string } }>(
        url,
        `{ product(id: "JG-00001") { title } }`,
      );
      expect(data?.product.title).toMatch(/\w/);
    } finally {
      await gateway.stop();
    }
  });

  it('refuses to start on an unreadable SUPERGRAPH_FILE and names it', async () => {
    await expect(gatewayWith({ supergraphFile: '/nonexistent/supergraph.graphql' })).rejects.toThrow(
      'SUPERGRAPH_FILE /nonexistent/supergraph.graphql cannot be read',
    );
  });

  it('sends stack traces to clients in development but never in production', async () => {
    const badLimit = `{ visitor(id: "v-nobody") { id } search(input: { first: -1 }) { total } }`;
    const development = await journey.query(badLimit);
    expect(development.errors?.[0]?.extensions?.stacktrace).toBeDefined();

    const gateway = await gatewayWith({ production: true });
    const url = await gateway.start();
    try {
      const production = await postGraphQL(url, badLimit);
      expect(production.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(production.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
      expect(JSON.stringify(production)).not.toMatch(/\.ts:\d+/);
    } finally {
      await gateway.stop();
    }
  });

  it('opens no connection to any address outside this machine', async () => {
    const original = net.Socket.prototype.connect;
    const hosts: string[] = [];
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const [first, second] = args;
      if (typeof first === 'object' && first !== null) {
        const { host, path } = first as { host?: string; path?: string };
        hosts.push(path === undefined ? (host ?? 'localhost') : 'unix socket');
      } else {
        hosts.push(typeof second === 'string' ? second : 'localhost');
      }
      return original.apply(this, args as Parameters<typeof original>);
    } as typeof original;
    try {
      const fresh = await startJourney({ storage: 'memory' });
      await fresh.query(`{ visitor(id: "v-outbound") { id } product(id: "JG-00001") { title } }`);
      await fresh.stop();
    } finally {
      net.Socket.prototype.connect = original;
    }
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(['127.0.0.1', 'localhost', '::1', 'unix socket']).toContain(host);
  });
});
