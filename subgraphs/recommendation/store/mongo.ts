import type { Collection, Db } from 'mongodb';
import { type PairIncrement, pairKinds, type StoredPairs } from '../learning/pairs.js';
import { type PairStore, summedByAnchor } from './port.js';
import { bulkWriteInChunks } from '../../../shared/mongo/bulk-write.js';
import { decodeKeys, encodeFieldName } from '../../../shared/mongo/field-names.js';

/**
 * One document per product: its partners as fields of `viewed` and `bought`, so that learning is
 * a `$inc` per pair and reading a product's pairs is one document. Read by `_id` only: no index
 * beyond the one every collection has.
 */
type PairDocument = { _id: string } & Partial<StoredPairs>;

export class MongoPairStore implements PairStore {
  private readonly pairs: Collection<PairDocument>;

  constructor(
    db: Db,
    private readonly closeConnection: () => Promise<void> = async () => {},
  ) {
    this.pairs = db.collection<PairDocument>('recommendation_pairs');
  }

  async findPairs(productIds: readonly string[]): Promise<StoredPairs[]> {
    if (productIds.length === 0) return [];
    const found = await this.pairs.find({ _id: { $in: [...new Set(productIds)] } }).toArray();
    const byId = new Map(
      found.map((document) => [
        document._id,
        { viewed: decodeKeys(document.viewed), bought: decodeKeys(document.bought) },
      ]),
    );
    return productIds.map((id) => byId.get(id) ?? { viewed: {}, bought: {} });
  }

  async addPairs(increments: readonly PairIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    const operations = [...summedByAnchor(increments)].map(([anchorId, added]) => {
      const inc: Record<string, number> = {};
      for (const kind of pairKinds) {
        for (const [partnerId, amount] of Object.entries(added[kind])) {
          inc[`${kind}.${encodeFieldName(partnerId)}`] = amount;
        }
      }
      return { updateOne: { filter: { _id: anchorId }, update: { $inc: inc }, upsert: true } };
    });
    await bulkWriteInChunks(this.pairs, operations);
  }

  async close(): Promise<void> {
    await this.closeConnection();
  }
}
