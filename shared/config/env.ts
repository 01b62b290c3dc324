/**
 * Typed readers for environment variables. Every app reads its configuration once, in its own
 * `config.ts`, through these helpers, so a bad value fails start-up with a message that names the
 * variable and what was expected.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function present(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

export function readString(env: Env, name: string, fallback: string): string {
  return present(env, name) ?? fallback;
}

export function readOptionalString(env: Env, name: string): string | undefined {
  return present(env, name);
}

export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name} must be a whole number from ${range.min} to ${range.max}, got "${raw}"`);
  }
  return value;
}

export function readPort(env: Env, name: string, fallback: number): number {
  return readInteger(env, name, fallback, { min: 0, max: 65_535 });
}

export function readNumber(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new ConfigError(`${name} must be a number from ${range.min} to ${range.max}, got "${raw}"`);
  }
  return value;
}

export function readUrl(env: Env, name: string, fallback: string): string;
export function readUrl(env: Env, name: string): string | undefined;
export function readUrl(env: Env, name: string, fallback?: string): string | undefined {
  const raw = present(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  try {
    return new URL(raw).toString();
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
}

export function readChoice<const T extends string>(
  env: Env,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export function isProduction(env: Env): boolean {
  return present(env, 'NODE_ENV') === 'production';
}
