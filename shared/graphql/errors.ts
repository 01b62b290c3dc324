import { GraphQLError } from 'graphql';

/** A caller's argument is wrong; `argument` names which one. */
export function badUserInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function notFound(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', argument } });
}

/** Checks a `limit`-style argument and names it in the error. */
export function checkLimit(value: number, argument: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badUserInput(`${argument} must be from 1 to ${max}, got ${value}`, argument);
  }
  return value;
}
