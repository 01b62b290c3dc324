import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildGateway } from '../gateway/app.js';
import { readGatewayConfig } from '../gateway/config.js';
import type { ServiceApp } from '../shared/service.js';
import { type Journey, startJourney } from './support/journey.js';
import { createTestDatabase, hasMongo, type TestDatabase } from './support/storage.js';

const repository = fileURLToPath(new URL('../', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The profile subgraph as its own process, so that it can be killed like a crashed container. */
function startProfileProcess(env: Record<string, string | undefined>): {
  child: ChildProcess;
  ready: Promise<void>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/profile/main.ts'], {
    cwd: repository,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('profile ready at')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`profile exited with ${code}:\n${output}`)));
  });
  ready.catch(() => undefined);
  return { child, ready };
}

interface Batch {
  visitorId: string;
  events: { type: 'PAGE_VIEW'; visitorId: string; at: string }[];
}

function batch(number: number): Batch {
  const visitorId = `v-durable-${number}`;
  const start = Date.now() - 60_000;
  return {
    visitorId,
    events: Array.from({ length: 10 }, (_, index) => ({
      type: 'PAGE_VIEW' as const,
      visitorId,
      at: new Date(start + number * 10 + index).toISOString(),
    })),
  };
}

// Issue 3: an event acknowledged is never lost. The profile process is killed with SIGKILL while
// a client sends events through the gateway, then restarted; every event the client saw
// acknowledged must be in MongoDB.
describe.skipIf(!hasMongo)('durability of acknowledged events', () => {
  let journey: Journey;
  let database: TestDatabase;
  let gateway: ServiceApp;
  let collectUrl: URL;
  let profileEnv: Record<string, string | undefined>;
  let profile: ReturnType<typeof startProfileProcess>;

  beforeAll(async () => {
    database = await createTestDatabase();
    journey = await startJourney({ storage: 'mongodb', database });
    const port = await freePort();
    profileEnv = { ...journey.env, PROFILE_PORT: String(port) };
    profile = startProfileProcess(profileEnv);
    await profile.ready;
    gateway = await buildGateway({
      config: {
        ...readGatewayConfig(journey.env),
        subgraphUrls: { ...journey.subgraphUrls, profile: `http://127.0.0.1:${port}/graphql` },
      },
    });
    collectUrl = new URL('/collect', await gateway.start());
  });
  afterAll(async () => {
    profile?.child.kill('SIGKILL');
    await gateway?.stop();
    await journey?.stop();
    await database?.drop();
  });

  it('keeps every acknowledged event when the profile process is killed and restarted', async () => {
    const batches = 80;
    const killAfter = 20;
    const senders = 4;
    const acknowledged: Batch[] = [];
    let refused = 0;
    let next = 0;
    let restarted: Promise<void> | undefined;

    const kill = () => {
      const exited = new Promise((resolve) => profile.child.once('exit', resolve));
      profile.child.kill('SIGKILL');
      restarted = exited.then(() => {
        profile = startProfileProcess(profileEnv);
        return profile.ready;
      });
    };
    // Several senders at once, so that requests are in flight at the moment of the kill.
    const sender = async () => {
      while (next < batches) {
        const sent = batch(next);
        next += 1;
        if (next === batches - 10 && restarted !== undefined) await restarted;
        const response = await fetch(collectUrl, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', authorization: 'Bearer dev-api-key' },
          body: JSON.stringify({ events: sent.events }),
        }).catch(() => undefined);
        if (response?.status === 204) acknowledged.push(sent);
        else refused += 1;
        if (acknowledged.length === killAfter && restarted === undefined) kill();
      }
    };
    await Promise.all(Array.from({ length: senders }, sender));
    await restarted;

    const events = database.client.db(database.name).collection('profile_events');
    const stored = await events
      .find({ visitorId: { $regex: '^v-durable-' } }, { projection: { visitorId: 1, at: 1 } })
      .toArray();
    const storedKeys = new Set(
      stored.map((event) => `${event.visitorId}@${(event.at as Date).toISOString()}`),
    );
    const missing = acknowledged
      .flatMap((sent) => sent.events)
      .filter((event) => !storedKeys.has(`${event.visitorId}@${event.at}`));
    console.info(
      `durability: ${acknowledged.length * 10} events acknowledged, ${stored.length} stored, ` +
        `${missing.length} acknowledged events missing, ${refused} batches refused while the profile was down`,
    );
    expect(restarted).toBeDefined();
    expect(refused).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(killAfter);
    expect(missing).toEqual([]);
  });
});
