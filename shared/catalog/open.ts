import type { MongoClient } from 'mongodb';
import type { StorageConfig } from '../config/storage.js';
import { connectMongo } from '../mongo/client.js';
import { MemoryProductStore, MongoProductStore, type ProductStore } from './product-store.js';

export interface OpenedProductStore {
  products: ProductStore;
  close(): Promise<void>;
}

/** A service's product store on the configured storage, indexes in place. */
export async function openProductStore(
  storage: StorageConfig,
  service: string,
  mongoClient?: MongoClient,
): Promise<OpenedProductStore> {
  if (storage.kind === 'memory') return { products: new MemoryProductStore(), close: async () => {} };
  const connection = await connectMongo(storage, mongoClient);
  const products = new MongoProductStore(connection.db, service);
  await products.createIndexes();
  return { products, close: () => connection.close() };
}
