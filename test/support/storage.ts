import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';

/**
 * Which stores the suites run on: always the memory store, and MongoDB when `MONGODB_URI` names
 * one (CI starts FerretDB and sets it; `global-setup.ts` fails a CI run without it).
 */
export type StorageKind = 'memory' | 'mongodb';

const mongoUri = process.env.MONGODB_URI;

export const storageKinds: StorageKind[] = mongoUri === undefined ? ['memory'] : ['memory', 'mongodb'];
export const hasMongo = mongoUri !== undefined;

/** Redis for the multi-instance suites; CI sets it (see global-setup.ts). */
export const redisUrl = process.env.REDIS_URL;

/** A database of its own for one test file, dropped by `drop()`. */
export interface TestDatabase {
  uri: string;
  name: string;
  /** A client with command monitoring on, for counting round trips. */
  client: MongoClient;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (mongoUri === undefined) throw new Error('createTestDatabase needs MONGODB_URI');
  const name = `jg_test_${randomBytes(6).toString('hex')}`;
  const client = new MongoClient(mongoUri, { monitorCommands: true, serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  return {
    uri: mongoUri,
    name,
    client,
    drop: async () => {
      await client.db(name).dropDatabase();
      await client.close();
    },
  };
}

/** Counts the commands a client sends, by collection, from now until `stop()`. */
export function countCommands(client: MongoClient): {
  byCollection(name: string): number;
  total(): number;
  stop(): void;
} {
  const counts = new Map<string, number>();
  let total = 0;
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    const collection = event.command[event.commandName];
    if (typeof collection === 'string') counts.set(collection, (counts.get(collection) ?? 0) + 1);
    total += 1;
  };
  client.on('commandStarted', listener);
  return {
    byCollection: (name) => counts.get(name) ?? 0,
    total: () => total,
    stop: () => client.off('commandStarted', listener),
  };
}
