/** How long and how hard the HTTP scenarios load a server, from the environment. */
export interface LoadSettings {
  /** BENCH_SECONDS: measured seconds per server and round. @default 10 */
  seconds: number;
  /**
   * BENCH_REQUESTS: instead of a time, this many requests per server and round, each waited for
   * (the CI smoke test: a few requests that all complete, however busy the machine).
   */
  requests: number | undefined;
  /** Seconds of load before the first round, discarded: JIT, caches and pools warm up. */
  warmupSeconds: number;
  /** BENCH_CONCURRENCY: connections, each with one request in flight. @default 16 */
  connections: number;
  /**
   * BENCH_ROUNDS: the servers of a comparison take turns this many times, and each one's median
   * round counts, so that a burst of other work on a shared machine hits all of them alike.
   * @default 3
   */
  rounds: number;
}

/**
 * A whole number from the environment variable `name`, or `fallback` when it is unset; anything
 * else is refused with the variable's name, before the scenario starts any process.
 */
export function wholeNumber(name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** A number > 0 from the environment variable `name`, or `fallback` when it is unset. */
export function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number > 0, got "${raw}"`);
  return value;
}

/** Read when a scenario starts, so that a test can set BENCH_SECONDS first. */
export function readLoadSettings(): LoadSettings {
  const seconds = wholeNumber('BENCH_SECONDS', 10);
  const requests = process.env.BENCH_REQUESTS === undefined ? undefined : wholeNumber('BENCH_REQUESTS', 1);
  return {
    seconds,
    requests,
    warmupSeconds: Math.min(3, seconds),
    connections: wholeNumber('BENCH_CONCURRENCY', 16),
    rounds: wholeNumber('BENCH_ROUNDS', 3),
  };
}
