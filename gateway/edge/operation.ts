import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';

export class OperationFailed extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super(errors.map((error) => error.message).join('; '));
  }
}

const statusByCode: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  RATE_LIMITED: 429,
  // The recipient said no: the tool gets the reason, not content.
  NO_NEWSLETTER_CONSENT: 403,
};

/**
 * Runs one operation through the federated graph, as a `/graphql` request would, for the edge
 * routes (`/collect`, `/visit`). Throws `OperationFailed` with the HTTP status the first error
 * calls for.
 */
export async function runOperation<TData>(
  apollo: ApolloServer<GatewayContext>,
  query: string,
  variables: Record<string, unknown>,
  contextValue: GatewayContext,
): Promise<TData> {
  const response = await apollo.executeOperation<TData>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('edge operations return a single result');
  const { data, errors } = response.body.singleResult;
  if (errors !== undefined && errors.length > 0) {
    const code = String(errors[0]?.extensions?.code ?? '');
    throw new OperationFailed(statusByCode[code] ?? 502, errors);
  }
  return data as TData;
}
