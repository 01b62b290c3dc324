import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * Keep-alive connections to the subgraphs, closed after 30 s idle: before a subgraph's own
 * 65 s timeout, so that the gateway never sends a request on a connection the subgraph is closing.
 */
const agentOptions = { keepAlive: true, timeout: 30_000, scheduling: 'lifo' as const };
const agents = { 'http:': new HttpAgent(agentOptions), 'https:': new HttpsAgent(agentOptions) };

/** A subgraph's answer, read whole: the gateway parses every answer anyway. */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  /** As Node parsed them: names in lower case. */
  headers: IncomingHttpHeaders;
  body: string;
}

/** Parsed once per subgraph URL: the gateway calls the same few URLs all the time. */
const targets = new Map<string, URL>();

function targetOf(url: string): URL {
  let target = targets.get(url);
  if (target === undefined) {
    target = new URL(url);
    targets.set(url, target);
  }
  return target;
}

/**
 * One POST to a subgraph with Node's own HTTP client on a keep-alive agent. The stock gateway's
 * fetcher (make-fetch-happen, with an HTTP cache layer it never uses) measured at half the
 * throughput of a keep-alive fetch on this stack, and a WHATWG `fetch` spends more per request on
 * streams, `Headers` and `Request` objects than the subgraph call itself costs (see BENCHMARKS.md).
 */
export function postToSubgraph(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<SubgraphAnswer> {
  return new Promise<SubgraphAnswer>((resolve, reject) => {
    const target = targetOf(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        agent: agents[secure ? 'https:' : 'http:'],
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
