import type { Collection, Db, Filter } from 'mongodb';
import { bulkWriteInChunks } from '../../mongo/bulk-write.js';
import { type Placement, placements } from '../../touchpoints.js';
import type { ReactionIncrement, ReactionSums, StoredReaction } from '../reactions.js';
import { type ReactionStore, summedByProduct } from './port.js';

/**
 * One document per product: its sums per placement and its interest, so that learning is a `$inc`
 * per product and concurrent instances never overwrite each other's counts. `updatedAt` lets
 * every instance read only what changed since it last looked.
 */
interface ReactionDocument {
  _id: string;
  placements?: Partial<Record<Placement, Partial<ReactionSums>>>;
  interest?: number;
  updatedAt: Date;
}

/** A collection name MongoDB takes, and no system or dotted one. */
const collectionNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export interface MongoReactionStoreOptions {
  /** The clock that stamps `updatedAt`. @default the system clock */
  now?: () => Date;
  /** Closes the connection this store was opened with, if it owns it. */
  closeConnection?: () => Promise<void>;
}

export class MongoReactionStore implements ReactionStore {
  private readonly reactions: Collection<ReactionDocument>;
  private readonly now: () => Date;
  private readonly closeConnection: () => Promise<void>;

  /** @param collectionName the touchpoint's own collection, e.g. `search_reactions` */
  constructor(db: Db, collectionName: string, options: MongoReactionStoreOptions = {}) {
    if (!collectionNamePattern.test(collectionName)) {
      throw new TypeError(
        `reaction collection name must be a letter and then up to 63 letters, digits or "_", got "${collectionName}"`,
      );
    }
    this.reactions = db.collection<ReactionDocument>(collectionName);
    this.now = options.now ?? (() => new Date());
    this.closeConnection = options.closeConnection ?? (async () => {});
  }

  /** The index that `changedSince` reads by. */
  async createIndexes(): Promise<void> {
    await this.reactions.createIndex({ updatedAt: 1 });
  }

  async add(increments: readonly ReactionIncrement[]): Promise<void> {
    const byProduct = summedByProduct(increments);
    if (byProduct.size === 0) return;
    const updatedAt = this.now();
    const operations = [...byProduct].map(([productId, added]) => {
      const inc: Record<string, number> = { interest: added.interest };
      for (const placement of placements) {
        const sums = added.placements[placement];
        if (sums === undefined) continue;
        inc[`placements.${placement}.shown`] = sums.shown;
        inc[`placements.${placement}.clicked`] = sums.clicked;
      }
      return {
        updateOne: {
          filter: { _id: productId },
          update: { $inc: inc, $set: { updatedAt } },
          upsert: true,
        },
      };
    });
    await bulkWriteInChunks(this.reactions, operations);
  }

  async changedSince(since: Date | null): Promise<StoredReaction[]> {
    const filter: Filter<ReactionDocument> = since === null ? {} : { updatedAt: { $gte: since } };
    const found = await this.reactions.find(filter).toArray();
    return found.map(reactionOf);
  }

  async close(): Promise<void> {
    await this.closeConnection();
  }
}

function reactionOf(document: ReactionDocument): StoredReaction {
  const reaction: StoredReaction = {
    productId: document._id,
    placements: {},
    interest: document.interest ?? 0,
    updatedAt: document.updatedAt,
  };
  for (const placement of placements) {
    const sums = document.placements?.[placement];
    if (sums !== undefined)
      reaction.placements[placement] = { shown: sums.shown ?? 0, clicked: sums.clicked ?? 0 };
  }
  return reaction;
}
