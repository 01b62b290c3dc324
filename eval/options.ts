import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { EvaluationOptions } from './evaluate.js';

export interface CommandLine extends EvaluationOptions {
  /** Where to write the evaluation as JSON, if anywhere. */
  json?: string | undefined;
}

export const usage = `npm run eval -- [--visitors 150] [--seed 7] [--concurrency 8] [--json out.json]`;

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min, `--${name} must be at least ${min}`)
    .max(max, `--${name} must be at most ${max}`);

const flagsSchema = z.object({
  visitors: wholeNumber('visitors', 1, 10_000).default(150),
  seed: wholeNumber('seed', 0, 2 ** 32 - 1).default(7),
  concurrency: wholeNumber('concurrency', 1, 64).default(8),
  json: z.string().min(1, '--json needs a file name').optional(),
});

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command line's flags, checked; a bad one throws a `UsageError` that names it. */
export function parseCommandLine(args: string[]): CommandLine {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        visitors: { type: 'string' },
        seed: { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success)
    throw new UsageError(`${parsed.error.issues.map((issue) => issue.message).join('; ')}\nusage: ${usage}`);
  return parsed.data;
}
