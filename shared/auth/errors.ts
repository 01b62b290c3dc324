import { GraphQLError } from 'graphql';

/** No credentials, or credentials that are forged, expired or unknown: HTTP 401. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Valid credentials that do not allow this: HTTP 403 when it is the whole request. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
