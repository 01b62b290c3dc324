import { requestGraphQL } from './graphql.js';
import type { Figures } from './report.js';
import { type Contender, loadInTurns } from './rounds.js';
import { readLoadSettings } from './settings.js';
import { type GatewayKind, gatewayKinds, gatewayLabels, type Testbed } from './testbed.js';

/** One operation as every gateway receives it. */
export interface GatewayRequest {
  /** JSON bodies (`{"query": …, "variables": …}`), sent in turn; the first is compared. */
  bodies: string[];
  headers: Record<string, string>;
}

/**
 * Runs `request` through journeygraph's gateway, stock Apollo and Hive Gateway, each in a process
 * of its own against the same subgraphs, in turns (see `loadInTurns`). Before and after each
 * round the first body goes through once and must be answered without errors; the data of each
 * gateway's first answer must be the same for all three. Figures per gateway: req/s, p50 and p99
 * latency, and the CPU time per request of the gateway and of the subgraphs; then the ratios.
 */
export async function compareGateways(
  testbed: Testbed,
  request: GatewayRequest,
  settings = readLoadSettings(),
): Promise<Figures> {
  const answers = new Map<GatewayKind, string>();
  const check = async (kind: GatewayKind, url: string) => {
    const { data } = await requestGraphQL(url, request.bodies[0] as string, request.headers);
    answers.set(kind, answers.get(kind) ?? JSON.stringify(data));
  };
  const contenders = {} as Record<GatewayKind, Contender>;
  for (const kind of gatewayKinds) {
    contenders[kind] = {
      start: async () => {
        const gateway = await testbed.startGateway(kind);
        try {
          await check(kind, gateway.ready);
        } catch (error) {
          await gateway.stop();
          throw error;
        }
        return {
          target: { url: gateway.ready, ...request, watch: [gateway.pid, testbed.subgraphsPid] },
          stop: async () => {
            try {
              await check(kind, gateway.ready);
            } finally {
              await gateway.stop();
            }
          },
        };
      },
    };
  }
  const loads = await loadInTurns(contenders, settings);
  const differing = gatewayKinds.filter((kind) => answers.get(kind) !== answers.get('journeygraph'));
  for (const kind of differing) {
    console.error(
      `${gatewayLabels[kind]} answered other data than journeygraph:\n  ${answers.get(kind)}\n  ${answers.get('journeygraph')}`,
    );
  }
  const figures: Figures = {};
  for (const kind of gatewayKinds) {
    const { requestsPerSecond, p50Ms, p99Ms, cpuMsPerRequest } = loads[kind];
    const label = gatewayLabels[kind];
    figures[`${label} req/s`] = requestsPerSecond;
    figures[`${label} p50 ms`] = p50Ms;
    figures[`${label} p99 ms`] = p99Ms;
    figures[`${label} gateway CPU ms/request`] = cpuMsPerRequest[0] as number;
    figures[`${label} subgraphs CPU ms/request`] = cpuMsPerRequest[1] as number;
  }
  const rate = (kind: GatewayKind) => loads[kind].requestsPerSecond;
  const cpu = (kind: GatewayKind) => loads[kind].cpuMsPerRequest[0] as number;
  figures['req/s, journeygraph / stock Apollo ×'] = rate('journeygraph') / rate('apollo');
  figures['req/s, journeygraph / Hive Gateway ×'] = rate('journeygraph') / rate('hive');
  figures['gateway CPU per request, stock Apollo / journeygraph ×'] = cpu('apollo') / cpu('journeygraph');
  figures['gateway CPU per request, Hive Gateway / journeygraph ×'] = cpu('hive') / cpu('journeygraph');
  figures['same data from all three (1 = yes)'] = differing.length === 0 ? 1 : 0;
  return figures;
}
