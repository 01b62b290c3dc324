import type { MongoClient } from 'mongodb';
import { connectMongo } from '../../../shared/mongo/client.js';
import type { ProfileConfig } from '../config.js';
import { MemoryProfileStore } from './memory.js';
import { MongoProfileStore } from './mongo.js';
import type { ProfileStore } from './port.js';

export async function openProfileStore(
  config: ProfileConfig,
  mongoClient?: MongoClient,
): Promise<ProfileStore> {
  if (config.storage.kind === 'memory') return new MemoryProfileStore();
  const store = new MongoProfileStore(
    await connectMongo(config.storage, mongoClient),
    config.eventRetentionDays * 86_400,
  );
  await store.createIndexes();
  return store;
}
