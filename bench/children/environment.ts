/**
 * What a competing gateway adds to every subgraph request: the caller header the subgraphs
 * require, signed in advance by the benchmark (`BENCH_SUBGRAPH_HEADERS`, a JSON object of header
 * names and values). The gateway process itself imports none of journeygraph's code.
 */
export function subgraphHeadersOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw = env.BENCH_SUBGRAPH_HEADERS;
  if (raw === undefined)
    throw new Error('BENCH_SUBGRAPH_HEADERS must be set: a JSON object of header values');
  const headers: unknown = JSON.parse(raw);
  if (
    typeof headers !== 'object' ||
    headers === null ||
    Object.values(headers).some((value) => typeof value !== 'string')
  ) {
    throw new Error(`BENCH_SUBGRAPH_HEADERS must be a JSON object of strings, got ${raw}`);
  }
  return headers as Record<string, string>;
}

/** The supergraph file every gateway of a comparison serves (`SUPERGRAPH_FILE`). */
export function supergraphFileOf(env: NodeJS.ProcessEnv): string {
  const file = env.SUPERGRAPH_FILE;
  if (file === undefined) throw new Error('SUPERGRAPH_FILE must name the composed supergraph');
  return file;
}
