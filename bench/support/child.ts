import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from there, so `--import tsx` finds the root's tsx. */
const root = fileURLToPath(new URL('../../', import.meta.url));

/** A server the benchmark runs in a Node process of its own, with its own event loop and heap. */
export interface Child {
  readonly pid: number;
  /** What the ready pattern captured from the child's output, e.g. the URL it listens on. */
  readonly ready: string;
  /** SIGTERM, then waits for the exit (a CPU profile, if asked for, is written then). */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const killRunning = () => {
  for (const child of running) child.kill('SIGKILL');
};
// A benchmark that fails half-way, or is stopped, leaves no server behind.
process.once('exit', killRunning);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killRunning();
    process.kill(process.pid, signal);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts a TypeScript entry point in its own Node process and resolves once a line of its
 * output matches `ready`, with the pattern's first group. Its last lines of stderr go into the
 * error if it exits before.
 */
export async function startChild(options: {
  name: string;
  /** Path of the entry point, from the repository root or absolute. */
  entry: string;
  env: Record<string, string | undefined>;
  ready: RegExp;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: readonly string[];
  /** @default 120_000 // 2 minutes */
  timeoutMs?: number;
}): Promise<Child> {
  const { name, ready, timeoutMs = 120_000 } = options;
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', options.entry], {
    cwd: root,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
  const captured = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} was not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = ready.exec(line);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match[1] ?? line);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready: ${stderr.join('').trim()}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited(child);
    throw error;
  });
  return {
    pid: child.pid as number,
    ready: captured,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
