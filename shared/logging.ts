import { type Logger, pino } from 'pino';

export type { Logger };

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * One JSON line per log record on stdout, tagged with the service's name. Errors are logged under
 * `error`; pino serializes only `err` by default and would write an Error's own fields as `{}`.
 */
export function createLogger(service: string, level: LogLevel): Logger {
  return pino({ name: service, level, serializers: { error: pino.stdSerializers.err } });
}
