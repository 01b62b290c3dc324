import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Db } from 'mongodb';
import { testEnv } from '../test/support/journey.js';
import { createTestDatabase, type StorageKind, type TestDatabase } from '../test/support/storage.js';
import { type Child, startChild } from './support/child.js';
import { cpuMillisecondsOf } from './support/cpu.js';
import { percentile } from './support/latency.js';
import type { Figures } from './support/report.js';
import { readLoadSettings, wholeNumber } from './support/settings.js';

/**
 * Scenario 5 of issue #6, ingestion: `POST /collect` in batches of 50 events from BENCH_SENDERS
 * senders at once (8 by default), on the memory store and (with MONGODB_URI) on MongoDB. Next to
 * it the ceiling: a raw driver `insertMany` of the same events, in the form the profile stores
 * them, from as many senders, into a collection of the same database with the same index and
 * write concern. The shop runs as `npm start` runs it, in a process of its own, so that the
 * senders do not share its event loop. The ceiling and `/collect` take turns BENCH_ROUNDS times
 * (3), BENCH_SECONDS each (10), and each one's median round counts.
 */
const batchSize = 50;
/** Each sender's visitors: a batch is one visitor's, as a tracker sends it. */
const visitorsPerSender = 20;
/** The products the events view, all in the sample feed of MongoDB runs. */
const viewedProducts = 300;

type Send = (sender: number, round: number) => Promise<void>;

interface Run {
  eventsPerSecond: number;
  batches: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU ms per 1,000 events of each process watched, by name. */
  cpuPerThousand: Record<string, number>;
}

/** Batch `round` of `sender`: 50 product views by one of its visitors, as the tracker sends them. */
function eventsOf(sender: number, round: number) {
  const at = new Date(Date.now() - 1_000).toISOString();
  return Array.from({ length: batchSize }, (_, index) => ({
    type: 'PRODUCT_VIEW' as const,
    visitorId: `v-bench-${sender}-${round % visitorsPerSender}`,
    productId: `JG-${String(1 + ((round * batchSize + index) % viewedProducts)).padStart(5, '0')}`,
    at,
  }));
}

/** The same events as the profile stores them (see `MongoProfileStore.recordEvents`). */
function storedFormOf(events: ReturnType<typeof eventsOf>) {
  const receivedAt = new Date();
  return events.map((event) => ({
    _id: randomUUID() as string,
    visitorId: event.visitorId,
    type: event.type,
    at: new Date(event.at),
    receivedAt,
    productId: event.productId,
    sku: null,
    productIds: null,
    search: null,
    campaignId: null,
    placement: null,
  }));
}

/** Sends a batch of `eventsOf(sender, round)` to `/collect`; anything but 204 fails the run. */
function collectSender(gatewayUrl: string): Send {
  const url = new URL('/collect', gatewayUrl);
  return async (sender, round) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: 'Bearer dev-api-key' },
      body: JSON.stringify({ events: eventsOf(sender, round) }),
    });
    if (response.status !== 204)
      throw new Error(`collect answered ${response.status}: ${await response.text()}`);
  };
}

/** Inserts the same events as the profile stores them, as durably (see `MongoProfileStore`). */
async function ceilingSender(db: Db): Promise<Send> {
  const collection = db.collection<ReturnType<typeof storedFormOf>[number]>('bench_ceiling');
  await collection.createIndex({ visitorId: 1, at: 1 });
  return async (sender, round) => {
    await collection.insertMany(storedFormOf(eventsOf(sender, round)), {
      writeConcern: { w: 'majority', journal: true },
    });
  };
}

/**
 * Sends batches from every sender, each one after the other, for `seconds`, and counts the CPU
 * that the `watched` processes spent meanwhile.
 */
async function drive(
  senders: number,
  seconds: number,
  send: Send,
  watched: Record<string, number> = {},
): Promise<Run> {
  const cpuBefore = await cpuOf(watched);
  const deadline = Date.now() + seconds * 1_000;
  const latencies: number[] = [];
  const sender = async (number: number) => {
    for (let round = 0; Date.now() < deadline; round += 1) {
      const sent = performance.now();
      await send(number, round);
      latencies.push(performance.now() - sent);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: senders }, (_, number) => sender(number)));
  const elapsed = (performance.now() - started) / 1_000;
  const cpuAfter = await cpuOf(watched);
  const events = latencies.length * batchSize;
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: events / elapsed,
    batches: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuPerThousand: Object.fromEntries(
      Object.keys(watched).map((name) => [
        name,
        (((cpuAfter[name] as number) - (cpuBefore[name] as number)) * 1_000) / events,
      ]),
    ),
  };
}

async function cpuOf(processes: Record<string, number>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(processes).map(async ([name, pid]) => [name, await cpuMillisecondsOf(pid)] as const),
  );
  return Object.fromEntries(entries);
}

/** The round of middle rate: one burst of other work on the machine moves it least. */
function medianRun(runs: readonly Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] as Run;
}

/**
 * The database server's process, when it runs on this machine (FerretDB or mongod): its CPU per
 * event is steadier than any rate on a busy machine.
 */
async function localDatabasePid(db: Db): Promise<number | undefined> {
  const { pid } = await db.admin().command({ serverStatus: 1 });
  const name = await readFile(`/proc/${Number(pid)}/comm`, 'utf8').catch(() => '');
  return /^(ferretdb|mongod)\b/.test(name) ? Number(pid) : undefined;
}

/** Insert commands the server has run so far (MongoDB and FerretDB count them alike). */
async function insertCommands(db: Db): Promise<number> {
  const status = await db.admin().command({ serverStatus: 1 });
  return Number(status.metrics?.commands?.insert?.total);
}

/** The shop as `npm start` runs it; with BENCH_CPU_PROF=<dir> it writes a CPU profile there. */
function startShop(storage: StorageKind, database?: TestDatabase): Promise<Child> {
  const profiling = process.env.BENCH_CPU_PROF;
  return startChild({
    name: `shop (${storage})`,
    entry: 'main.ts',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      // Else @apollo/gateway probes cloud metadata hosts and reports to Apollo.
      APOLLO_TELEMETRY_DISABLED: 'true',
      ...testEnv(storage, database),
    },
    ready: /^gateway\s+(http\S+)/,
    nodeFlags: profiling === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profiling}`],
  });
}

function collectFigures(store: string, run: Run): Figures {
  return {
    [`collect events/s (${store})`]: run.eventsPerSecond,
    [`collect p50 ms per batch (${store})`]: run.p50Ms,
    [`collect p99 ms per batch (${store})`]: run.p99Ms,
    [`shop CPU ms per 1,000 events (${store})`]: run.cpuPerThousand.shop as number,
  };
}

async function benchMemory(senders: number): Promise<Figures> {
  const { seconds, warmupSeconds, rounds } = readLoadSettings();
  const shop = await startShop('memory');
  try {
    const send = collectSender(shop.ready);
    await drive(senders, warmupSeconds, send);
    const runs: Run[] = [];
    for (let round = 0; round < rounds; round += 1)
      runs.push(await drive(senders, seconds, send, { shop: shop.pid }));
    return collectFigures('memory', medianRun(runs));
  } finally {
    await shop.stop();
  }
}

/**
 * The ceiling and `/collect` in turns. The shop is started for each `/collect` round and stopped
 * after it: the ceiling is measured on an otherwise idle database, not next to the other
 * services still learning from the last round's events.
 */
async function benchMongo(senders: number, database: TestDatabase): Promise<Figures> {
  const { seconds, warmupSeconds, rounds } = readLoadSettings();
  const db = database.client.db(database.name);
  const databasePid = await localDatabasePid(db);
  const server: Record<string, number> = databasePid === undefined ? {} : { database: databasePid };
  const ceiling = await ceilingSender(db);
  await drive(senders, warmupSeconds, ceiling);
  const ceilingRuns: Run[] = [];
  const collectRuns: Run[] = [];
  let inserts = 0;
  for (let round = 0; round < rounds; round += 1) {
    ceilingRuns.push(await drive(senders, seconds, ceiling, server));
    const shop = await startShop('mongodb', database);
    try {
      const collect = collectSender(shop.ready);
      await drive(senders, warmupSeconds, collect);
      const before = await insertCommands(db);
      collectRuns.push(await drive(senders, seconds, collect, { shop: shop.pid, ...server }));
      inserts += (await insertCommands(db)) - before;
    } finally {
      await shop.stop();
    }
  }
  const [ceilingRun, collectRun] = [medianRun(ceilingRuns), medianRun(collectRuns)];
  const figures: Figures = {
    'insertMany events/s (MongoDB ceiling)': ceilingRun.eventsPerSecond,
    ...collectFigures('MongoDB', collectRun),
    'collect / ceiling, events/s % (MongoDB)':
      (100 * collectRun.eventsPerSecond) / ceilingRun.eventsPerSecond,
    // Group commit at work: how many batches one insert of events carried.
    'batches per events insert (MongoDB)': collectRuns.reduce((sum, run) => sum + run.batches, 0) / inserts,
  };
  if (databasePid !== undefined) {
    figures['database CPU ms per 1,000 events, ceiling'] = ceilingRun.cpuPerThousand.database as number;
    figures['database CPU ms per 1,000 events, collect'] = collectRun.cpuPerThousand.database as number;
  }
  return figures;
}

export async function benchCollect(): Promise<Figures> {
  const senders = wholeNumber('BENCH_SENDERS', 8);
  const figures = await benchMemory(senders);
  if (process.env.MONGODB_URI === undefined) return figures;
  const database = await createTestDatabase();
  try {
    return { ...figures, ...(await benchMongo(senders, database)) };
  } finally {
    await database.drop();
  }
}
