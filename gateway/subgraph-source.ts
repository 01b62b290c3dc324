import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { callerHeader } from '../shared/auth/caller-assertion.js';
import type { GatewayContext } from './context.js';
import { subgraphFetch } from './subgraph-fetch.js';

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

const codeByStatus: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
};

/** One subgraph as the gateway calls it. */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    super({ url, fetcher: subgraphFetch });
  }

  /**
   * A subgraph answers a request it rejects (e.g. a DateTime literal it cannot parse) with HTTP
   * 400 and the reason in the body. The stock gateway reports only "400: Bad Request" and puts
   * the subgraph's URL and raw body in the error; the caller gets the reason instead, with the
   * subgraph's name.
   */
  /** Every fetch carries who is asking, signed: subgraphs refuse requests without it. */
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(callerHeader, context.callerAssertion);
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = (await this.parseBody(response).catch(() => undefined)) as
      SubgraphErrorBody | string | undefined;
    const reported = typeof body === 'object' ? body.errors?.[0] : undefined;
    const code = codeByStatus[response.status] ?? 'SUBGRAPH_ERROR';
    if (reported !== undefined && typeof reported.message === 'string') {
      return new GraphQLError(reported.message, {
        extensions: { code, ...reported.extensions, serviceName: this.subgraph },
      });
    }
    return new GraphQLError(`${this.subgraph} answered HTTP ${response.status}`, {
      extensions: { code, serviceName: this.subgraph },
    });
  }
}
