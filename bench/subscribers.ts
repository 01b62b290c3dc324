import { randomBytes } from 'node:crypto';
import { mintVisitorToken } from '../shared/auth/visitor-token.js';
import { openAudience } from './subscribers/audience.js';
import { driveChanges, warmUp } from './subscribers/drive.js';
import { type GatewayKind, startSubscriberTestbed, type SubscriberTestbed } from './subscribers/gateways.js';
import { ChangeLedger } from './subscribers/ledger.js';
import { percentile } from './support/latency.js';
import { live, requires, type Workload } from './subscribers/workloads.js';
import { wholeNumber } from './support/settings.js';

/**
 * Live subscribers (issue 6, scenario 4). Subscribers hold federated `visitorUpdated`
 * subscriptions on one gateway, one graphql-ws connection each, while `track` through the same
 * gateway changes their profiles at a steady rate; each change must produce exactly one
 * message, computed from that change (subscribers/workloads.ts). Two workloads:
 * - `live`: 10,000 subscribers, 200 changes/s, profile fields plus products from search;
 * - `@requires`: recommendations, which `@requires` the fresh profile; fewer subscribers and
 *   changes, since each message costs the recommendation subgraph a full ranking.
 * The gateway, the subgraphs and these clients run in three processes, so the gateway's RSS is
 * its own; each workload gets a gateway process of its own. Both workloads run on journeygraph,
 * then on Hive Gateway (BENCH_HIVE=0: not). Each subscriber is a visitor with its own token.
 * Settings: see `readPlans`.
 */
interface Plan {
  workload: Workload;
  subscribers: number;
  /** Changes per second. */
  rate: number;
  changes: number;
}

/**
 * Read when the scenario starts, so that a test can set them first. BENCH_SECONDS per workload
 * (30), or BENCH_CHANGES changes; BENCH_SUBSCRIBERS (10,000) at BENCH_CHANGE_RATE (200/s) for
 * `live`; BENCH_REQUIRES_SUBSCRIBERS (1,000; 0: left out) at BENCH_REQUIRES_RATE (20/s) for
 * `@requires`.
 */
function readPlans(): Plan[] {
  const seconds = wholeNumber('BENCH_SECONDS', 30);
  const changes = (rate: number) => wholeNumber('BENCH_CHANGES', rate * seconds);
  const liveRate = wholeNumber('BENCH_CHANGE_RATE', 200);
  const requiresRate = wholeNumber('BENCH_REQUIRES_RATE', 20);
  return [
    {
      workload: live,
      subscribers: wholeNumber('BENCH_SUBSCRIBERS', 10_000),
      rate: liveRate,
      changes: changes(liveRate),
    },
    {
      workload: requires,
      subscribers: wholeNumber('BENCH_REQUIRES_SUBSCRIBERS', 1_000, 0),
      rate: requiresRate,
      changes: changes(requiresRate),
    },
  ].filter((plan) => plan.subscribers > 0);
}

/** Progress on stderr: a full run takes minutes. */
function progress(message: string): void {
  console.error(`subscribers: ${message}`);
}

async function measure(
  testbed: SubscriberTestbed,
  kind: GatewayKind,
  plan: Plan,
  cpuProfileFlags: readonly string[],
): Promise<Record<string, number>> {
  const { workload, subscribers, rate, changes } = plan;
  const name = `${kind === 'hive' ? 'Hive Gateway' : 'journeygraph'}, ${workload.name}`;
  const run = randomBytes(4).toString('hex');
  const visitorIds = Array.from({ length: subscribers }, (_, index) => `bench-${run}-${index}`);
  const tokens = await Promise.all(
    visitorIds.map((visitorId) => mintVisitorToken(visitorId, testbed.visitorTokenSecret, 1)),
  );
  const gateway = await testbed.startGateway(kind, cpuProfileFlags);
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1_000).toFixed(0)} s`;
  try {
    const ledger = new ChangeLedger(subscribers, workload);
    const audience = await openAudience({
      url: gateway.url.replace(/^http/, 'ws'),
      visitorIds,
      // Hive knows no visitor tokens and ignores them; it calls the subgraphs as itself.
      authorization: (visitor) => `Bearer ${tokens[visitor] as string}`,
      query: workload.subscription,
      onMessage: (visitor, message) => ledger.received(visitor, message),
    });
    progress(`${name}: ${subscribers} subscribers connected after ${elapsed()}`);
    try {
      await warmUp({ url: gateway.url, visitorIds, ledger, workload });
      const subscribed = await gateway.memory();
      progress(
        `${name}: every subscription live after ${elapsed()}, gateway RSS ${subscribed.rssMiB.toFixed(0)} MiB`,
      );
      ledger.startMeasuring();
      const cpuBefore = [await gateway.cpuMs(), await testbed.subgraphsCpuMs()];
      const driven = await driveChanges({
        url: gateway.url,
        visitorIds,
        ledger,
        workload,
        count: changes,
        rate,
      });
      await ledger.settled(5_000);
      const cpuAfter = [await gateway.cpuMs(), await testbed.subgraphsCpuMs()];
      progress(`${name}: changes done after ${elapsed()}`);
      if (driven.firstFailure !== undefined) progress(`${name}: a track call failed: ${driven.firstFailure}`);
      const lost = audience.firstFailure();
      if (lost !== undefined) progress(`${name}: a subscriber lost its subscription: ${lost}`);
      const { peakRssMiB } = await gateway.memory();
      const figures = ledger.result();
      const afterAcknowledged = figures.afterAcknowledgedMs.sort((a, b) => a - b);
      const fromSent = figures.fromSentMs.sort((a, b) => a - b);
      return {
        [`${name}: subscribers (one connection each)`]: subscribers,
        [`${name}: changes tracked`]: figures.changes,
        [`${name}: changes/s sent`]: driven.rate,
        [`${name}: track acknowledged → message, p50 ms`]: percentile(afterAcknowledged, 0.5),
        [`${name}: track acknowledged → message, p99 ms`]: percentile(afterAcknowledged, 0.99),
        [`${name}: track sent → message, p50 ms`]: percentile(fromSent, 0.5),
        [`${name}: track sent → message, p99 ms`]: percentile(fromSent, 0.99),
        [`${name}: track round trip, p99 ms`]: percentile(driven.trackMs, 0.99),
        // Steadier than latencies on a shared machine: what one change (its track and its message) costs.
        [`${name}: gateway CPU ms per change`]:
          ((cpuAfter[0] as number) - (cpuBefore[0] as number)) / figures.changes,
        [`${name}: subgraphs CPU ms per change`]:
          ((cpuAfter[1] as number) - (cpuBefore[1] as number)) / figures.changes,
        [`${name}: messages missed`]: figures.missed,
        [`${name}: messages duplicated`]: figures.duplicated,
        [`${name}: messages fresh`]: figures.verdicts.fresh,
        [`${name}: messages with errors`]: figures.verdicts.errors,
        [`${name}: messages of another change`]: figures.verdicts['another change'],
        [`${name}: messages with stale fields from other subgraphs`]: figures.verdicts.stale,
        [`${name}: messages whose freshness cannot be told`]: figures.verdicts.untold,
        [`${name}: failed track calls`]: figures.failedTracks,
        [`${name}: connections lost`]: audience.failures(),
        [`${name}: gateway RSS with everyone subscribed, MiB`]: subscribed.rssMiB,
        [`${name}: gateway peak RSS, MiB`]: peakRssMiB,
      };
    } finally {
      await audience.close();
    }
  } finally {
    await gateway.stop();
  }
}

export async function benchSubscribers(): Promise<Record<string, number>> {
  const plans = readPlans();
  const kinds: GatewayKind[] = process.env.BENCH_HIVE === '0' ? ['journeygraph'] : ['journeygraph', 'hive'];
  // BENCH_CPU_PROF=<dir>: journeygraph's gateway writes a CPU profile of each workload there.
  const profiling = process.env.BENCH_CPU_PROF;
  const cpuProfileFlags = profiling === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profiling}`];
  const testbed = await startSubscriberTestbed();
  const results: Record<string, number> = {};
  try {
    for (const kind of kinds)
      for (const plan of plans)
        Object.assign(
          results,
          await measure(testbed, kind, plan, kind === 'journeygraph' ? cpuProfileFlags : []),
        );
  } finally {
    await testbed.stop();
  }
  return results;
}
