import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { percentile } from './support/latency.js';
import { memoryOf } from './subscribers/memory.js';
import { positiveNumber, wholeNumber } from './support/settings.js';

/**
 * Issue 6, scenario 8: `npm start` from nothing to serving. Runs the start script of package.json
 * the way npm does (`sh -c` with node_modules/.bin on the PATH, so the same `tsx main.ts`) and
 * measures the time from spawning it to main.ts's "ready" line and to the gateway answering
 * `/health`, and the resident memory of the server's own Node process (the one running main.ts,
 * not the tsx launcher, whose memory is reported apart) once ready and after idling.
 *
 * The shop starts as `npm start` starts it for a newcomer: memory store, no Redis, every port 0
 * so that it never clashes with anything running.
 */
const root = fileURLToPath(new URL('../', import.meta.url));
const readyLine = /journeygraph ready in (\d+) ms: open (\S+)/;
/** @default 120_000 // 2 minutes: a cold tsx cache on a busy machine */
const readyTimeoutMs = 120_000;

async function startScript(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.start;
  if (script === undefined) throw new Error('package.json has no "start" script');
  return script;
}

/** What the benchmark or its test runner may have set, and a newcomer's `npm start` has not. */
const notOfANewcomer = new Set([
  'MONGODB_URI',
  'MONGODB_DB',
  'REDIS_URL',
  'REDIS_PREFIX',
  'FEED_PATH',
  'NODE_ENV',
]);

/** The environment of a newcomer's `npm start`, with free ports instead of the fixed ones. */
function startEnv(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !notOfANewcomer.has(name))),
    PATH: `${root}node_modules/.bin:${process.env.PATH ?? ''}`,
    GATEWAY_PORT: '0',
    PROFILE_PORT: '0',
    SEARCH_PORT: '0',
    RECOMMENDATION_PORT: '0',
    NEWSLETTER_PORT: '0',
  };
}

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim() === '' ? [] : text.trim().split(/\s+/).map(Number);
}

/** The processes under `pid`, parents before their children. */
async function descendantsOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const child of await childrenOf(pid)) found.push(child, ...(await descendantsOf(child)));
  return found;
}

async function isNode(pid: number): Promise<boolean> {
  const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
  return command.trim() === 'node';
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** The gateway's `/health`, asked until it answers 200: it should at the first try. */
async function untilHealthy(gatewayUrl: string): Promise<void> {
  const url = new URL('/health', gatewayUrl);
  let lastError: unknown;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastError = new Error(`${url} answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`${url} did not answer 200: ${String(lastError)}`);
}

interface Start {
  readyMs: number;
  reportedReadyMs: number;
  healthyMs: number;
  readyRssMiB: number;
  idleRssMiB: number;
  launcherRssMiB: number;
}

async function startOnce(script: string, idleSeconds: number): Promise<Start> {
  const started = performance.now();
  // Its own process group, so that stopping it stops the launcher and the server together.
  const shell = spawn('sh', ['-c', script], {
    cwd: root,
    env: startEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  shell.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  try {
    const { reportedReadyMs, gatewayUrl } = await new Promise<{
      reportedReadyMs: number;
      gatewayUrl: string;
    }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start was not ready within ${readyTimeoutMs} ms`)),
        readyTimeoutMs,
      );
      createInterface({ input: shell.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const match = readyLine.exec(line);
        if (match === null) return;
        clearTimeout(timer);
        resolve({ reportedReadyMs: Number(match[1]), gatewayUrl: match[2] as string });
      });
      shell.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`npm start exited (${code ?? signal}) before it was ready: ${stderr.join('').trim()}`),
        );
      });
    });
    const readyMs = performance.now() - started;
    await untilHealthy(gatewayUrl);
    const healthyMs = performance.now() - started;
    // The server is the Node process with no children under the launcher (tsx starts one).
    const nodes: number[] = [];
    for (const pid of [shell.pid as number, ...(await descendantsOf(shell.pid as number))]) {
      if (await isNode(pid)) nodes.push(pid);
    }
    const server = nodes.at(-1);
    if (server === undefined) throw new Error('npm start runs no Node process');
    const launchers = nodes.slice(0, -1);
    const readyRssMiB = (await memoryOf(server)).rssMiB;
    await delay(idleSeconds * 1_000);
    const idleRssMiB = (await memoryOf(server)).rssMiB;
    let launcherRssMiB = 0;
    for (const pid of launchers) launcherRssMiB += (await memoryOf(pid)).rssMiB;
    return { readyMs, reportedReadyMs, healthyMs, readyRssMiB, idleRssMiB, launcherRssMiB };
  } finally {
    if (shell.exitCode === null && shell.signalCode === null) process.kill(-(shell.pid as number), 'SIGTERM');
    await exited(shell);
  }
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * BENCH_STARTS (default 3) starts one after the other, medians reported; BENCH_IDLE_SECONDS
 * (default 5) of idling before the second memory reading.
 */
export async function benchStartup(): Promise<Record<string, number>> {
  const starts = wholeNumber('BENCH_STARTS', 3);
  const idleSeconds = positiveNumber('BENCH_IDLE_SECONDS', 5);
  const script = await startScript();
  const runs: Start[] = [];
  for (let run = 0; run < starts; run += 1) runs.push(await startOnce(script, idleSeconds));
  const of = (figure: keyof Start) => median(runs.map((run) => run[figure]));
  return {
    starts,
    'spawn to ready line ms': of('readyMs'),
    'ready as main.ts reports it ms': of('reportedReadyMs'),
    'spawn to gateway /health ms': of('healthyMs'),
    'server RSS once ready MiB': of('readyRssMiB'),
    [`server RSS after ${idleSeconds} s idle MiB`]: of('idleRssMiB'),
    'tsx launcher RSS MiB': of('launcherRssMiB'),
  };
}
