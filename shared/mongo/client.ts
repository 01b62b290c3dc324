import { type Db, MongoClient } from 'mongodb';
import type { StorageConfig } from '../config/storage.js';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  /** Closes the client only if this connection opened it. */
  close(): Promise<void>;
}

/**
 * Opens the service's MongoDB connection, or wraps one the caller owns (tests pass a client with
 * command monitoring on, to count round trips).
 */
export async function connectMongo(
  config: Extract<StorageConfig, { kind: 'mongodb' }>,
  shared?: MongoClient,
): Promise<MongoConnection> {
  const client =
    shared ?? new MongoClient(config.uri, { serverSelectionTimeoutMS: 5_000, appName: 'journeygraph' });
  if (shared === undefined) {
    try {
      await client.connect();
    } catch (error) {
      throw new Error(`cannot connect to MongoDB at MONGODB_URI: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return {
    client,
    db: client.db(config.database),
    close: async () => {
      if (shared === undefined) await client.close();
    },
  };
}
