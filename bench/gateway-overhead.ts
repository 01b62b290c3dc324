import { requestGraphQL } from './support/graphql.js';
import type { Figures } from './support/report.js';
import { loadInTurns } from './support/rounds.js';
import { readLoadSettings } from './support/settings.js';
import { startTestbed } from './support/testbed.js';

/**
 * Issue 6, scenario 3: one single-subgraph query (a product by id, answered by search) sent to
 * the search subgraph directly, with the caller header a gateway would add, and through
 * journeygraph's gateway in its own process, in turns at the same concurrency.
 * Target: the gateway keeps at least 50 % of the direct rate.
 */
const body = JSON.stringify({
  query: '{ product(id: "JG-00001") { id title price variants { size color stock } } }',
});

export async function benchGatewayOverhead(): Promise<Figures> {
  const testbed = await startTestbed();
  try {
    const directHeaders = await testbed.subgraphHeaders();
    const expected = JSON.stringify(
      (await requestGraphQL(testbed.subgraphUrls.search, body, directHeaders)).data,
    );
    const loads = await loadInTurns(
      {
        direct: {
          start: async () => ({
            target: {
              url: testbed.subgraphUrls.search,
              bodies: [body],
              headers: directHeaders,
              watch: [testbed.subgraphsPid],
            },
            stop: async () => undefined,
          }),
        },
        gateway: {
          start: async () => {
            const gateway = await testbed.startGateway('journeygraph');
            const answer = JSON.stringify((await requestGraphQL(gateway.ready, body)).data);
            if (answer !== expected) {
              await gateway.stop();
              throw new Error(`the gateway answered ${answer}, the subgraph ${expected}`);
            }
            return {
              target: { url: gateway.ready, bodies: [body], watch: [gateway.pid, testbed.subgraphsPid] },
              stop: () => gateway.stop(),
            };
          },
        },
      },
      readLoadSettings(),
    );
    return {
      'search subgraph directly req/s': loads.direct.requestsPerSecond,
      'search subgraph directly p50 ms': loads.direct.p50Ms,
      'search subgraph directly p99 ms': loads.direct.p99Ms,
      'search subgraph directly, its CPU ms/request': loads.direct.cpuMsPerRequest[0] as number,
      'through journeygraph req/s': loads.gateway.requestsPerSecond,
      'through journeygraph p50 ms': loads.gateway.p50Ms,
      'through journeygraph p99 ms': loads.gateway.p99Ms,
      'through journeygraph, gateway CPU ms/request': loads.gateway.cpuMsPerRequest[0] as number,
      'through journeygraph, subgraph CPU ms/request': loads.gateway.cpuMsPerRequest[1] as number,
      'gateway / direct, req/s %': (loads.gateway.requestsPerSecond / loads.direct.requestsPerSecond) * 100,
    };
  } finally {
    await testbed.stop();
  }
}
