import { ConfigError, type Env, readOptionalString, readString } from './env.js';

/** Where a service keeps its data: the embedded memory store, or MongoDB when `MONGODB_URI` is set. */
export type StorageConfig = { kind: 'memory' } | { kind: 'mongodb'; uri: string; database: string };

export function readStorageConfig(env: Env): StorageConfig {
  const uri = readOptionalString(env, 'MONGODB_URI');
  if (uri === undefined) return { kind: 'memory' };
  if (!/^mongodb(\+srv)?:\/\//.test(uri)) {
    throw new ConfigError(`MONGODB_URI must start with mongodb:// or mongodb+srv://, got "${uri}"`);
  }
  const database = readString(env, 'MONGODB_DB', 'journeygraph');
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(database)) {
    throw new ConfigError(`MONGODB_DB must be 1-63 letters, digits, "_" or "-", got "${database}"`);
  }
  return { kind: 'mongodb', uri, database };
}
