import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeRepositorySupergraph } from '../../gateway/compose.js';
import type { SubgraphName } from '../../gateway/subgraphs.js';
import { callerHeader, signCallerAssertion } from '../../shared/auth/caller-assertion.js';
import { scopes } from '../../shared/auth/caller.js';
import { ephemeralShopEnv } from '../../shop.js';
import { type Child, startChild } from '../support/child.js';
import { cpuMillisecondsOf } from '../support/cpu.js';
import { memoryOf } from './memory.js';

/** A gateway under test in its own process, serving HTTP and graphql-ws on `url`. */
export interface GatewayUnderTest {
  url: string;
  /** The gateway process's own resident memory, now and at its peak. */
  memory(): Promise<{ rssMiB: number; peakRssMiB: number }>;
  /** CPU time the gateway process has used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export type GatewayKind = 'journeygraph' | 'hive';

/**
 * The four subgraphs in a process of their own (memory store, in-process bus), the supergraph
 * composed for them in a file, and each gateway under test started in a process of its own.
 * Unlike the request scenarios' testbed, it holds the visitor token secret: each subscriber is a
 * visitor with a token of its own.
 */
export interface SubscriberTestbed {
  visitorTokenSecret: Uint8Array;
  startGateway(kind: GatewayKind, nodeFlags?: readonly string[]): Promise<GatewayUnderTest>;
  /** CPU time the subgraphs' process has used so far. */
  subgraphsCpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSubscriberTestbed(): Promise<SubscriberTestbed> {
  const secrets = {
    VISITOR_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    SUBGRAPH_SECRET: randomBytes(32).toString('base64url'),
  };
  // Nothing of the bench's own environment (no MONGODB_URI, no REDIS_URL) reaches the services.
  const nodeEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    APOLLO_TELEMETRY_DISABLED: 'true',
  };
  const shopEnv = { ...nodeEnv, ...ephemeralShopEnv, ...secrets };
  const directory = await mkdtemp(join(tmpdir(), 'jg-bench-subscribers-'));
  let subgraphs: Child;
  try {
    subgraphs = await startChild({
      name: 'subgraphs',
      entry: 'bench/children/subgraphs.ts',
      env: shopEnv,
      ready: /^subgraphs ready (\{.*\})$/,
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const subgraphUrls = JSON.parse(subgraphs.ready) as Record<SubgraphName, string>;
  const supergraphFile = join(directory, 'supergraph.graphql');
  await writeFile(supergraphFile, await composeRepositorySupergraph(subgraphUrls));
  const subgraphSecret = new TextEncoder().encode(secrets.SUBGRAPH_SECRET);

  const startGateway = async (kind: GatewayKind, nodeFlags: readonly string[] = []) => {
    const child =
      kind === 'journeygraph'
        ? // journeygraph's gateway as deployed, with its default limits per connection and visitor.
          await startChild({
            name: 'journeygraph gateway',
            entry: 'gateway/main.ts',
            env: { ...shopEnv, SUPERGRAPH_FILE: supergraphFile },
            ready: /^gateway ready at (\S+)/,
            nodeFlags,
          })
        : // Hive gets none of journeygraph's settings: the supergraph and a caller signed now for a
          // service with every scope, valid for five minutes (one workload's run).
          await startChild({
            name: 'Hive Gateway',
            entry: 'bench/subscribers/hive-gateway.ts',
            env: {
              ...nodeEnv,
              SUPERGRAPH_FILE: supergraphFile,
              BENCH_SUBGRAPH_HEADERS: JSON.stringify({
                [callerHeader]: await signCallerAssertion(
                  { kind: 'service', name: 'bench', scopes: [...scopes], address: null },
                  subgraphSecret,
                ),
              }),
            },
            ready: /^hive gateway ready at (\S+)/,
            nodeFlags,
          });
    return {
      url: child.ready,
      memory: () => memoryOf(child.pid),
      cpuMs: () => cpuMillisecondsOf(child.pid),
      stop: () => child.stop(),
    };
  };

  return {
    visitorTokenSecret: new TextEncoder().encode(secrets.VISITOR_TOKEN_SECRET),
    startGateway,
    subgraphsCpuMs: () => cpuMillisecondsOf(subgraphs.pid),
    stop: async () => {
      await subgraphs.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
