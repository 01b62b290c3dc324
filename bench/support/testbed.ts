import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeRepositorySupergraph } from '../../gateway/compose.js';
import type { SubgraphName } from '../../gateway/subgraphs.js';
import { callerHeader, signCallerAssertion } from '../../shared/auth/caller-assertion.js';
import { scopes } from '../../shared/auth/caller.js';
import type { Env } from '../../shared/config/env.js';
import { readSecret } from '../../shared/config/secrets.js';
import { ephemeralShopEnv } from '../../shop.js';
import { type Child, startChild } from './child.js';

/** The gateways a comparison runs, one at a time, against the same subgraphs. */
export const gatewayKinds = ['journeygraph', 'apollo', 'hive'] as const;
export type GatewayKind = (typeof gatewayKinds)[number];

export const gatewayLabels: Record<GatewayKind, string> = {
  journeygraph: 'journeygraph',
  apollo: 'stock Apollo',
  hive: 'Hive Gateway',
};

const gatewayEntries: Record<GatewayKind, { entry: string; ready: RegExp }> = {
  // journeygraph's gateway as it is deployed: its own main, reading the supergraph file.
  journeygraph: { entry: 'gateway/main.ts', ready: /^gateway ready at (\S+)/ },
  apollo: { entry: 'bench/children/apollo-gateway.ts', ready: /^apollo gateway ready at (\S+)/ },
  hive: { entry: 'bench/children/hive-gateway.ts', ready: /^hive gateway ready at (\S+)/ },
};

/**
 * The four subgraphs in a process of their own, the supergraph composed for them in a file, and
 * a way to start each gateway under test in a process of its own.
 */
export interface Testbed {
  subgraphUrls: Record<SubgraphName, string>;
  /** The process of the four subgraphs. */
  subgraphsPid: number;
  /** What a client of the gateway sends: the benchmark's API key, with every scope. */
  clientHeaders: Record<string, string>;
  /**
   * What a request straight to a subgraph carries, and what the competing gateways add to every
   * subgraph request: a caller header signed now for a service with every scope (valid 5 minutes).
   */
  subgraphHeaders(): Promise<Record<string, string>>;
  /** Resolves to the gateway's GraphQL URL (`ready`) once it listens. */
  startGateway(kind: GatewayKind): Promise<Child>;
  stop(): Promise<void>;
}

/**
 * With BENCH_CPU_PROF=<dir>, every process the benchmark starts writes a CPU profile there when it
 * stops (open it in Chrome's DevTools or speedscope).
 */
function profilingFlags(): string[] {
  const directory = process.env.BENCH_CPU_PROF;
  return directory === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${directory}`];
}

export async function startTestbed(): Promise<Testbed> {
  // The services run as deployed (Dockerfile, docker-compose.yml): NODE_ENV=production, with the
  // shared secrets and an API key of their own, and no development key. graphql-js, among
  // others, skips its development checks in production.
  const apiKey = randomBytes(24).toString('base64url');
  const shopEnv: Env = {
    ...ephemeralShopEnv,
    NODE_ENV: 'production',
    VISITOR_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
    API_KEYS: JSON.stringify([{ name: 'bench', key: apiKey, scopes }]),
  };
  // Only what Node needs and the shop's own settings: no MONGODB_URI or REDIS_URL of the caller's
  // shell reaches the services, which run on the memory store and the in-process bus. The
  // competing gateways run in production mode too.
  const nodeEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'production',
    // Else @apollo/gateway probes cloud metadata hosts and reports to Apollo.
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
  const childEnv = { ...nodeEnv, ...shopEnv };
  const secret = readSecret(shopEnv, 'SUBGRAPH_SECRET');
  const subgraphHeaders = async () => ({
    [callerHeader]: await signCallerAssertion(
      { kind: 'service', name: 'bench', scopes: [...scopes], address: null },
      secret,
    ),
  });
  const directory = await mkdtemp(join(tmpdir(), 'jg-bench-'));
  const subgraphs = await startChild({
    name: 'subgraphs',
    entry: 'bench/children/subgraphs.ts',
    // The benchmark starts its visitors from one address, faster than a person would.
    env: { ...childEnv, START_VISITS_PER_MINUTE: '100000' },
    ready: /^subgraphs ready (\{.*\})$/,
    nodeFlags: profilingFlags(),
  }).catch(async (error: unknown) => {
    await rm(directory, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await subgraphs.stop();
    await rm(directory, { recursive: true, force: true });
  };
  const subgraphUrls = JSON.parse(subgraphs.ready) as Record<SubgraphName, string>;
  const supergraphFile = join(directory, 'supergraph.graphql');
  await writeFile(supergraphFile, await composeRepositorySupergraph(subgraphUrls)).catch(
    async (error: unknown) => {
      await stop();
      throw error;
    },
  );
  return {
    subgraphUrls,
    subgraphsPid: subgraphs.pid,
    clientHeaders: { authorization: `Bearer ${apiKey}` },
    subgraphHeaders,
    startGateway: async (kind) =>
      startChild({
        name: `${kind} gateway`,
        ...gatewayEntries[kind],
        // The competitors get none of journeygraph's settings, only the supergraph and the header.
        env:
          kind === 'journeygraph'
            ? { ...childEnv, SUPERGRAPH_FILE: supergraphFile }
            : {
                ...nodeEnv,
                SUPERGRAPH_FILE: supergraphFile,
                BENCH_SUBGRAPH_HEADERS: JSON.stringify(await subgraphHeaders()),
              },
        nodeFlags: profilingFlags(),
      }),
    stop,
  };
}
