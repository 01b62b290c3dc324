import { callerHeader, signCallerAssertion } from '../shared/auth/caller-assertion.js';
import { readGatewayConfig } from '../gateway/config.js';
import { startJourney } from '../test/support/journey.js';

/**
 * Issue 6, scenario 3: one single-subgraph query (a product by id, answered by search) through
 * the gateway against the same query sent to the search subgraph directly, at a fixed
 * concurrency for a few seconds each. Target: the gateway keeps at least 50 % of the direct rate.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const query = JSON.stringify({
  query: '{ product(id: "JG-00001") { id title price variants { size color stock } } }',
});

async function rate(url: string, headers: Record<string, string>): Promise<number> {
  const deadline = Date.now() + seconds * 1_000;
  let requests = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const response = await fetch(url, { method: 'POST', headers, body: query });
      const body = (await response.json()) as { errors?: unknown };
      if (response.status !== 200 || body.errors !== undefined) {
        throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
      }
      requests += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return requests / ((performance.now() - started) / 1_000);
}

export async function benchGatewayOverhead(): Promise<Record<string, number>> {
  const journey = await startJourney({ storage: 'memory' });
  try {
    const caller = { kind: 'service' as const, name: 'bench', scopes: [], address: null };
    const assertion = await signCallerAssertion(caller, readGatewayConfig(journey.env).subgraphSecret);
    const direct = await rate(journey.subgraphUrls.search, {
      'content-type': 'application/json',
      [callerHeader]: assertion,
    });
    const gateway = await rate(journey.gatewayUrl, { 'content-type': 'application/json' });
    return {
      'search subgraph directly req/s': direct,
      'through the gateway req/s': gateway,
      'gateway / direct %': (gateway / direct) * 100,
    };
  } finally {
    await journey.stop();
  }
}
