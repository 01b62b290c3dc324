import { isDeepStrictEqual } from 'node:util';
import type { Collection, Db } from 'mongodb';
import { bulkWriteInChunks } from '../mongo/bulk-write.js';
import type { Product } from './product.js';

/**
 * A service's own copy of the catalog, built from the shared feed. Each service that needs
 * products keeps one in its own collection; none reads another's.
 */
export interface ProductStore {
  /** Products in the order of `ids`, `null` where an id is unknown: one round trip. */
  findByIds(ids: readonly string[]): Promise<(Product | null)[]>;
  listAll(): Promise<Product[]>;
  /**
   * Makes the store hold exactly `products`. Skipped when the store already holds the feed with
   * this fingerprint; returns whether anything was written.
   */
  importFeed(products: readonly Product[], fingerprint: string): Promise<boolean>;
}

export class MemoryProductStore implements ProductStore {
  private products = new Map<string, Product>();
  private fingerprint: string | null = null;
  /** Calls that a MongoDB store would answer with one round trip each. */
  roundTrips = 0;

  async findByIds(ids: readonly string[]): Promise<(Product | null)[]> {
    this.roundTrips += 1;
    return ids.map((id) => this.products.get(id) ?? null);
  }

  async listAll(): Promise<Product[]> {
    this.roundTrips += 1;
    return [...this.products.values()];
  }

  async importFeed(products: readonly Product[], fingerprint: string): Promise<boolean> {
    if (fingerprint === this.fingerprint) return false;
    const now = new Date();
    this.products = new Map(
      products.map((product) => [
        product.id,
        { ...product, listedAt: this.products.get(product.id)?.listedAt ?? now },
      ]),
    );
    this.fingerprint = fingerprint;
    return true;
  }
}

type ProductDocument = Omit<Product, 'id'> & { _id: string };
interface FeedStateDocument {
  _id: 'feed';
  fingerprint: string;
  importedAt: Date;
}

function toProduct({ _id, ...rest }: ProductDocument): Product {
  return { id: _id, ...rest };
}

export class MongoProductStore implements ProductStore {
  private readonly products: Collection<ProductDocument>;
  private readonly state: Collection<FeedStateDocument>;

  /** `prefix` is the owning service's name: `search_products`, `recommendation_products`, … */
  constructor(db: Db, prefix: string) {
    this.products = db.collection<ProductDocument>(`${prefix}_products`);
    this.state = db.collection<FeedStateDocument>(`${prefix}_catalog_state`);
  }

  async createIndexes(): Promise<void> {
    await this.products.createIndex({ category: 1 });
  }

  async findByIds(ids: readonly string[]): Promise<(Product | null)[]> {
    const found = await this.products.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    const byId = new Map(found.map((document) => [document._id, toProduct(document)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async listAll(): Promise<Product[]> {
    return (await this.products.find().toArray()).map(toProduct);
  }

  async importFeed(products: readonly Product[], fingerprint: string): Promise<boolean> {
    const current = await this.state.findOne({ _id: 'feed' });
    if (current?.fingerprint === fingerprint) return false;
    // Only what changed is written, product by product: readers never see a product missing
    // while the catalog is replaced, and a feed update touches a handful of documents, not all.
    const stored = new Map(
      (await this.products.find().toArray()).map((document) => [document._id, document]),
    );
    const added: ProductDocument[] = [];
    const changed: ProductDocument[] = [];
    const now = new Date();
    for (const { id, listedAt: _fromFeed, ...rest } of products) {
      const before = stored.get(id);
      const document: ProductDocument = { _id: id, ...rest, listedAt: before?.listedAt ?? now };
      if (before === undefined) added.push(document);
      else if (!isDeepStrictEqual(before, document)) changed.push(document);
      stored.delete(id);
    }
    if (added.length > 0) await this.products.insertMany(added, { ordered: false });
    if (changed.length > 0) {
      await bulkWriteInChunks(
        this.products,
        changed.map(({ _id, ...rest }) => ({ replaceOne: { filter: { _id }, replacement: rest } })),
      );
    }
    if (stored.size > 0) await this.products.deleteMany({ _id: { $in: [...stored.keys()] } });
    // Written last: an import cut off half-way is redone at the next start.
    await this.state.replaceOne({ _id: 'feed' }, { fingerprint, importedAt: new Date() }, { upsert: true });
    return true;
  }
}
