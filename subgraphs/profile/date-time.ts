import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// A full ISO 8601 instant with a zone: "2026-11-23T10:15:00Z" or "…+01:00". Dates without a zone
// would be read in the server's zone, which differs between machines.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !isoInstant.test(value)) {
    throw new GraphQLError(
      `DateTime must be an ISO 8601 string with a time zone, got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime ${value} is not a real date`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseInstant(value).toISOString()),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
