import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFeedPath } from './support/feeds.js';
import { postGraphQL } from './support/journey.js';

const repository = fileURLToPath(new URL('../', import.meta.url));
const freePorts = {
  GATEWAY_PORT: '0',
  PROFILE_PORT: '0',
  SEARCH_PORT: '0',
  RECOMMENDATION_PORT: '0',
  NEWSLETTER_PORT: '0',
};

interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the gateway URL once the process says it is ready. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/** `npm start` as a newcomer runs it (`tsx main.ts`), on free ports, without MongoDB. */
function start(env: Record<string, string>): Started {
  const { MONGODB_URI: _, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: repository,
    env: { ...inherited, ...freePorts, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /journeygraph ready in \d+ ms: open (\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then((code) => reject(new Error(`exited with ${code} before ready:\n${output}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => output, ready, exited };
}

describe('npm start', () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
  });

  it('runs the five services in one process, prints their URLs and stops on SIGTERM', async () => {
    const started = start({});
    running.push(started.child);
    const gatewayUrl = await started.ready;
    for (const service of ['profile', 'search', 'recommendation', 'newsletter', 'gateway']) {
      expect(started.output()).toMatch(new RegExp(`${service}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`));
    }
    const { data } = await postGraphQL<{ search: { total: number } }>(
      gatewayUrl,
      `{ search(input: { query: "Laufhose" }) { total } }`,
    );
    expect(data?.search.total).toBeGreaterThan(0);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  it('stops with a message naming a bad variable', async () => {
    const started = start({ PROFILE_PORT: 'abc' });
    running.push(started.child);
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('PROFILE_PORT must be a whole number from 0 to 65535, got "abc"');
  });

  it('stops with a message naming an unreadable feed', async () => {
    const started = start({ FEED_PATH: '/nonexistent/feed.tsv' });
    running.push(started.child);
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('feed /nonexistent/feed.tsv cannot be read');
  });

  it('starts on a feed with broken rows and reports each with its line and reason', async () => {
    const [header, ...rows] = (await readFile(demoFeedPath, 'utf8')).split('\n');
    const broken = rows[1]?.replace(/\d+\.\d{2} EUR/, 'cheap');
    const feed = join(await mkdtemp(join(tmpdir(), 'journeygraph-start-')), 'feed.tsv');
    await writeFile(feed, [header, rows[0], broken, ...rows.slice(2, 200)].join('\n'));
    const started = start({ FEED_PATH: feed });
    running.push(started.child);
    await started.ready;
    expect(started.output()).toContain('line 3');
    expect(started.output()).toContain('price: is not a price like');
    started.child.kill('SIGTERM');
    await started.exited;
  });
});
