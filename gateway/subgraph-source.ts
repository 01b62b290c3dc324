import { createHash } from 'node:crypto';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { callerHeader } from '../shared/auth/caller-assertion.js';
import { RecentlyUsed } from '../shared/recently-used.js';
import type { GatewayContext } from './context.js';
import { postToSubgraph, type SubgraphAnswer } from './subgraph-fetch.js';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** The subgraph's answer when it does not know a hash, or keeps no persisted queries at all. */
function persistedQueryMiss(body: unknown): 'unknown' | 'unsupported' | null {
  const code = (body as SubgraphErrorBody | null)?.errors?.[0]?.extensions?.code;
  if (code === 'PERSISTED_QUERY_NOT_FOUND') return 'unknown';
  if (code === 'PERSISTED_QUERY_NOT_SUPPORTED') return 'unsupported';
  return null;
}

/**
 * Hashes of the operations sent lately. A gateway sends each subgraph the same few operations
 * again and again (one per query plan step); client queries it has never seen cannot grow this.
 */
const rememberedHashes = 1_000;

const codeByStatus: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
};

function isJson(answer: SubgraphAnswer): boolean {
  const type = answer.headers['content-type'] ?? '';
  return type.startsWith('application/json') || type.startsWith('application/graphql-response+json');
}

function bodyOf(answer: SubgraphAnswer): unknown {
  return isJson(answer) ? JSON.parse(answer.body) : answer.body;
}

/** What the subgraph's `Cache-Control` allows the gateway's answer: no header, no caching. */
function cacheHintOf(header: string | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const directives = new Map(
    (header ?? '').split(',').map((directive) => {
      const [name = '', value = ''] = directive.trim().toLowerCase().split('=');
      return [name, value];
    }),
  );
  const maxAge = directives.get('max-age') ?? '';
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = {
    maxAge: /^[0-9]+$/.test(maxAge) ? +maxAge : 0,
  };
  if (directives.has('private')) hint.scope = 'PRIVATE';
  if (directives.has('public')) hint.scope = 'PUBLIC';
  return hint;
}

/**
 * One subgraph as the gateway calls it: the operation as JSON over a keep-alive connection, with
 * who is asking signed in a header (subgraphs refuse requests without it). It does what the
 * stock `RemoteGraphQLDataSource` does for a plain HTTP subgraph, without the `Headers` and
 * `Request` objects it builds for every fetch: close to a tenth of the gateway's CPU on a visitor
 * page, in a profile.
 *
 * Operations go by their hash as automatic persisted queries (Apollo Server keeps them unless
 * told not to): the subgraph then neither reads the operation's text nor hashes it to find the
 * parsed and validated document, which saved a tenth of its CPU on a `product(id)` request. The
 * first time a subgraph does not know a hash, the operation goes again in full with it.
 */
export class SubgraphSource implements GraphQLDataSource<GatewayContext> {
  readonly #hashes = new RecentlyUsed<string>(rememberedHashes);
  #persistedQueries = true;

  constructor(
    private readonly subgraph: string,
    private readonly url: string,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { query, variables, operationName, extensions, http } = options.request;
    if (query === undefined) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    for (const [name, value] of http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    headers[callerHeader] = (options.context as GatewayContext).callerAssertion;
    const post = async (payload: Record<string, unknown>) => {
      const answer = await postToSubgraph(this.url, JSON.stringify(payload), headers);
      if (answer.status < 200 || answer.status > 299) throw this.errorFrom(answer);
      return { answer, body: bodyOf(answer) };
    };
    const whole = { query, variables, operationName, extensions };
    let sent: { answer: SubgraphAnswer; body: unknown };
    if (this.#persistedQueries) {
      const persisted = {
        ...extensions,
        persistedQuery: { version: 1, sha256Hash: this.#hashOf(query) },
      };
      sent = await post({ variables, operationName, extensions: persisted });
      const miss = persistedQueryMiss(sent.body);
      if (miss === 'unknown') sent = await post({ ...whole, extensions: persisted });
      if (miss === 'unsupported') {
        this.#persistedQueries = false;
        sent = await post(whole);
      }
    } else {
      sent = await post(whole);
    }
    const { answer, body } = sent;
    if (typeof body !== 'object' || body === null) {
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    }
    // Only a client's operation has a cache policy; health checks and schema loads have none.
    if ('incomingRequestContext' in options) {
      // A subscription's per-message plan runs without one (see subscriptions/execute.ts).
      const policy = options.incomingRequestContext.overallCachePolicy as
        Partial<typeof options.incomingRequestContext.overallCachePolicy> | undefined;
      policy?.restrict?.(cacheHintOf(answer.headers['cache-control']));
    }
    return body as SubgraphResponse;
  }

  #hashOf(query: string): string {
    let hash = this.#hashes.get(query);
    if (hash === undefined) {
      hash = createHash('sha256').update(query).digest('hex');
      this.#hashes.set(query, hash);
    }
    return hash;
  }

  /**
   * A subgraph answers a request it rejects (e.g. a DateTime literal it cannot parse) with HTTP
   * 400 and the reason in the body. The stock gateway reports only "400: Bad Request" and puts
   * the subgraph's URL and raw body in the error; the caller gets the reason instead, with the
   * subgraph's name.
   */
  private errorFrom(answer: SubgraphAnswer): GraphQLError {
    let body: SubgraphErrorBody | string | undefined;
    try {
      body = bodyOf(answer) as SubgraphErrorBody | string;
    } catch {
      body = undefined;
    }
    const reported = typeof body === 'object' ? body.errors?.[0] : undefined;
    const code = codeByStatus[answer.status] ?? 'SUBGRAPH_ERROR';
    if (reported !== undefined && typeof reported.message === 'string') {
      return new GraphQLError(reported.message, {
        extensions: { code, ...reported.extensions, serviceName: this.subgraph },
      });
    }
    return new GraphQLError(`${this.subgraph} answered HTTP ${answer.status}`, {
      extensions: { code, serviceName: this.subgraph },
    });
  }
}
