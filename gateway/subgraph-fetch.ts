import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * Keep-alive connections to the subgraphs, closed after 30 s idle: before a subgraph's own
 * 65 s timeout, so that the gateway never sends a request on a connection the subgraph is closing.
 */
const agentOptions = { keepAlive: true, timeout: 30_000, scheduling: 'lifo' as const };
const agents = { 'http:': new HttpAgent(agentOptions), 'https:': new HttpsAgent(agentOptions) };

/**
 * The answer's headers as Node parsed them (names in lower case), behind the few methods the
 * gateway calls: cheaper than a WHATWG `Headers`, which checks every name and value again.
 */
class AnswerHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name) as string];
  }

  keys(): IterableIterator<string> {
    return Object.keys(this.raw)[Symbol.iterator]();
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  append(): never {
    throw new TypeError('the headers of a subgraph answer cannot be changed');
  }

  set(): never {
    throw new TypeError('the headers of a subgraph answer cannot be changed');
  }

  delete(): never {
    throw new TypeError('the headers of a subgraph answer cannot be changed');
  }
}

/** A subgraph's answer, read whole: the gateway parses every answer anyway. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: AnswerHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new AnswerHeaders(rawHeaders);
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.rawHeaders, this.body);
  }
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
 * The gateway's fetcher: Node's own HTTP client on a keep-alive agent. The gateway's default
 * (make-fetch-happen, with an HTTP cache layer it never uses) measured at half the throughput of
 * a keep-alive fetch on this stack, and Node's `fetch` spends more per request on WHATWG streams
 * and objects than the subgraph call itself costs (see BENCHMARKS.md).
 */
export const subgraphFetch: Fetcher = (url, init = {}) =>
  new Promise<FetcherResponse>((resolve, reject) => {
    const target = targetOf(url);
    const secure = target.protocol === 'https:';
    const body = init.body ?? '';
    const request = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: init.method ?? 'GET',
        headers: { ...init.headers, 'content-length': Buffer.byteLength(body) },
        agent: agents[secure ? 'https:' : 'http:'],
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve(
            new BufferedResponse(
              url,
              response.statusCode ?? 0,
              response.statusMessage ?? '',
              response.headers,
              Buffer.concat(chunks).toString('utf8'),
            ),
          ),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
