import type { MongoClient } from 'mongodb';
import type { StorageConfig } from '../../../shared/config/storage.js';
import { connectMongo } from '../../../shared/mongo/client.js';
import { MemoryPairStore } from './memory.js';
import { MongoPairStore } from './mongo.js';
import type { PairStore } from './port.js';

/** The pair store on the configured storage; closing it closes the connection it opened. */
export async function openPairStore(storage: StorageConfig, mongoClient?: MongoClient): Promise<PairStore> {
  if (storage.kind === 'memory') return new MemoryPairStore();
  const connection = await connectMongo(storage, mongoClient);
  return new MongoPairStore(connection.db, () => connection.close());
}
