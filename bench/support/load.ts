import autocannon from 'autocannon';
import { cpuMillisecondsOf } from './cpu.js';

/** What one load run measured. */
export interface Load {
  /** Requests answered within the time: none when every one took longer. */
  answered: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of each watched process per request answered, in milliseconds. */
  cpuMsPerRequest: number[];
}

export interface LoadOptions {
  url: string;
  /**
   * JSON bodies, sent as POST in turn: requests in flight at once carry different bodies, as
   * different visitors' pages do, so no gateway can answer several with one subgraph call.
   */
  bodies: readonly string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** Instead of `seconds`: this many requests, each waited for. */
  requests?: number | undefined;
  /** Processes whose CPU time per request to measure, e.g. the gateway's and the subgraphs'. */
  watch?: readonly number[];
}

/**
 * Loads `url` for `seconds` (or with `requests`); a connection error or non-2xx answer fails it.
 * The load generator is autocannon, in the benchmark's own process: it keeps `connections`
 * keep-alive connections busy, one request in flight on each (a fixed concurrency), and records
 * every latency in an HDR histogram. It costs far less CPU per request than a loop of `fetch`
 * calls, which matters on a machine whose two cores also run the gateway and the subgraphs.
 */
export async function applyLoad(options: LoadOptions): Promise<Load> {
  const { url, bodies, headers = {}, connections, seconds, requests, watch = [] } = options;
  if (bodies.length === 0) throw new TypeError('applyLoad needs at least one body');
  let next = 0;
  const cpuBefore = await Promise.all(watch.map(cpuMillisecondsOf));
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(requests === undefined
      ? { connections, duration: seconds }
      : { connections: Math.min(connections, requests), amount: requests }),
    // A large answer under load takes seconds; autocannon's default gives up after 10.
    timeout: 60,
    requests: [
      {
        setupRequest: (request) => {
          next = (next + 1) % bodies.length;
          return { ...request, body: bodies[next] };
        },
      },
    ],
  });
  const cpuAfter = await Promise.all(watch.map(cpuMillisecondsOf));
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${url} under load: ${result.errors} connection errors, ${result.non2xx} non-2xx answers of ${result.requests.total}`,
    );
  }
  const answered = result.requests.total;
  return {
    answered,
    requestsPerSecond: answered / ((result.finish.getTime() - result.start.getTime()) / 1_000),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: cpuAfter.map((after, index) => (after - (cpuBefore[index] as number)) / answered),
  };
}
