import type { MongoClient } from 'mongodb';
import type { StorageConfig } from '../../config/storage.js';
import { connectMongo } from '../../mongo/client.js';
import { MemoryReactionStore } from './memory.js';
import { MongoReactionStore } from './mongo.js';
import type { ReactionStore } from './port.js';

/**
 * The reaction store on the configured storage, in the touchpoint's own collection (e.g.
 * `search_reactions`); closing it closes the connection it opened.
 */
export async function openReactionStore(
  storage: StorageConfig,
  collectionName: string,
  mongoClient?: MongoClient,
): Promise<ReactionStore> {
  if (storage.kind === 'memory') return new MemoryReactionStore();
  const connection = await connectMongo(storage, mongoClient);
  try {
    const store = new MongoReactionStore(connection.db, collectionName, {
      closeConnection: () => connection.close(),
    });
    await store.createIndexes();
    return store;
  } catch (error) {
    await connection.close();
    throw error;
  }
}
