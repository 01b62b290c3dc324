import { type AnyBulkWriteOperation, type Collection, type Db, MongoServerError } from 'mongodb';
import { MongoProductStore } from '../../../shared/catalog/product-store.js';
import type { MongoConnection } from '../../../shared/mongo/client.js';
import type { VisitorChange } from '../affinity.js';
import type { SearchContext, TouchpointEvent } from '../events.js';
import type { Dimension } from '../vocabulary.js';
import { bulkWriteInChunks } from '../../../shared/mongo/bulk-write.js';
import { decodeKeys, encodeFieldName } from '../../../shared/mongo/field-names.js';
import {
  type Consent,
  type ConsentChoice,
  consentNotAsked,
  decideConsent,
  emptyAffinity,
  latestPurchases,
  latestViews,
  type ProfileStore,
  summedAffinity,
  type VisitorRecord,
} from './port.js';

interface VisitorDocument {
  _id: string;
  firstSeenAt: Date;
  lastEventAt: Date;
  affinity?: Partial<Record<Dimension, Record<string, number>>>;
  viewed?: Record<string, Date>;
  /** Missing in profiles stored before purchases were kept. */
  bought?: Record<string, Date>;
  lastSearch?: SearchContext | null;
  consent?: Consent;
}

type EventDocument = Omit<TouchpointEvent, 'id'> & { _id: string };

function toRecord(document: VisitorDocument): VisitorRecord {
  const affinity = emptyAffinity();
  for (const dimension of Object.keys(affinity) as Dimension[]) {
    affinity[dimension] = decodeKeys(document.affinity?.[dimension]);
  }
  return {
    id: document._id,
    firstSeenAt: document.firstSeenAt,
    lastEventAt: document.lastEventAt,
    affinity,
    viewed: decodeKeys(document.viewed),
    bought: decodeKeys(document.bought),
    lastSearch: document.lastSearch ?? null,
    // A profile made by setConsent holds only the answers given so far.
    consent: { ...consentNotAsked, ...document.consent },
  };
}

function updateOf(change: VisitorChange, now: Date): AnyBulkWriteOperation<VisitorDocument> {
  const increments: Record<string, number> = {};
  for (const [key, amount] of summedAffinity(change)) {
    const [dimension, value] = key.split('\u0000') as [Dimension, string];
    increments[`affinity.${dimension}.${encodeFieldName(value)}`] = amount;
  }
  const maxima: Record<string, Date> = { lastEventAt: change.lastEventAt };
  for (const [productId, at] of latestViews(change)) maxima[`viewed.${encodeFieldName(productId)}`] = at;
  for (const [productId, at] of latestPurchases(change)) maxima[`bought.${encodeFieldName(productId)}`] = at;
  const update: Record<string, unknown> = { $setOnInsert: { firstSeenAt: now }, $max: maxima };
  if (Object.keys(increments).length > 0) update.$inc = increments;
  if (change.lastSearch !== null) update.$set = { lastSearch: change.lastSearch };
  return { updateOne: { filter: { _id: change.visitorId }, update, upsert: true } };
}

const journaled = { w: 'majority', journal: true } as const;
const notImplemented = 238;
const retentionIndexConflicts = [85, 86];

export class MongoProfileStore implements ProfileStore {
  readonly products: MongoProductStore;
  private readonly visitors: Collection<VisitorDocument>;
  private readonly events: Collection<EventDocument>;

  expiresByItself = false;
  /**
   * FerretDB 1.24 (the MongoDB stand-in of CI) differs where it counts for `recordEvents`:
   * - it hands only a filter of exactly `{ _id: value }` down to SQLite, and answers
   *   `{ _id: { $in: ids } }` by decoding every profile in the collection: one `_id` at a time
   *   costs about a fifteenth of that per visitor (160 profiles, see BENCHMARKS.md);
   * - an update command of many statements can stall for minutes while other commands write
   *   (seen with 19 profile upserts next to the learners' writes); one statement a command does not.
   */
  private onFerretDB = false;

  constructor(
    private readonly connection: MongoConnection,
    private readonly retentionSeconds: number,
  ) {
    const db: Db = connection.db;
    this.products = new MongoProductStore(db, 'profile');
    // Every write is acknowledged only once journaled on a majority: an acknowledged event, the
    // profile change it made and a consent decision all survive a crash.
    this.visitors = db.collection<VisitorDocument>('profile_visitors', { writeConcern: journaled });
    this.events = db.collection<EventDocument>('profile_events', { writeConcern: journaled });
  }

  async createIndexes(): Promise<void> {
    await Promise.all([this.products.createIndexes(), this.events.createIndex({ visitorId: 1, at: 1 })]);
    this.expiresByItself = await this.createRetentionIndexes();
    const buildInfo = await this.connection.db.command({ buildInfo: 1 });
    this.onFerretDB = buildInfo.ferretdbVersion !== undefined;
  }

  /**
   * Privacy: MongoDB deletes expired events and idle profiles itself (TTL indexes). Servers
   * without TTL indexes (FerretDB 1.x) answer "not implemented": the service then sweeps.
   */
  private async createRetentionIndexes(): Promise<boolean> {
    try {
      await this.retentionIndex(this.events.collectionName, 'at');
      await this.retentionIndex(this.visitors.collectionName, 'lastEventAt');
      return true;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === notImplemented) return false;
      throw error;
    }
  }

  private async retentionIndex(collectionName: string, field: string): Promise<void> {
    const collection = this.connection.db.collection(collectionName);
    const create = () =>
      collection.createIndex(
        { [field]: 1 },
        { name: 'retention', expireAfterSeconds: this.retentionSeconds },
      );
    try {
      await create();
    } catch (error) {
      // The retention was changed since the index was made: replace it.
      if (!(error instanceof MongoServerError && retentionIndexConflicts.includes(error.code as number)))
        throw error;
      await collection.dropIndex('retention');
      await create();
    }
  }

  async startVisitor(id: string, consent: ConsentChoice, now: Date): Promise<void> {
    await this.visitors.insertOne({
      _id: id,
      firstSeenAt: now,
      lastEventAt: now,
      consent: decideConsent(consentNotAsked, consent, now),
    });
  }

  async setConsent(id: string, consent: ConsentChoice, now: Date): Promise<Consent> {
    const answers: Record<string, unknown> = { 'consent.updatedAt': now };
    if (consent.tracking != null) answers['consent.tracking'] = consent.tracking;
    if (consent.newsletter != null) answers['consent.newsletter'] = consent.newsletter;
    const updated = await this.visitors.findOneAndUpdate(
      { _id: id },
      { $set: answers, $setOnInsert: { firstSeenAt: now, lastEventAt: now } },
      { upsert: true, returnDocument: 'after' },
    );
    return { ...consentNotAsked, ...updated?.consent };
  }

  async expireBefore(cutoff: Date): Promise<{ events: number; visitors: number }> {
    const [events, visitors] = await Promise.all([
      this.events.deleteMany({ at: { $lt: cutoff } }),
      this.visitors.deleteMany({ lastEventAt: { $lt: cutoff } }),
    ]);
    return { events: events.deletedCount, visitors: visitors.deletedCount };
  }

  async findVisitors(ids: readonly string[]): Promise<(VisitorRecord | null)[]> {
    const unique = [...new Set(ids)];
    // One id as a plain `_id` filter, which FerretDB reads without decoding every profile.
    const found = await this.visitors
      .find({ _id: unique.length === 1 ? unique[0] : { $in: unique } })
      .toArray();
    const byId = new Map(found.map((document) => [document._id, toRecord(document)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async declinedTracking(ids: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (!this.onFerretDB) {
      const declined = await this.visitors
        .find({ _id: { $in: unique }, 'consent.tracking': false }, { projection: { _id: 1 } })
        .toArray();
      return new Set(declined.map((document) => document._id));
    }
    const consents = await Promise.all(
      unique.map((id) => this.visitors.findOne({ _id: id }, { projection: { 'consent.tracking': 1 } })),
    );
    return new Set(unique.filter((_, index) => consents[index]?.consent?.tracking === false));
  }

  async recordEvents(events: readonly TouchpointEvent[], changes: readonly VisitorChange[]): Promise<void> {
    if (events.length === 0) return;
    // Events first: a profile is derived from them, so it never holds what no event explains.
    await this.events.insertMany(events.map(({ id, ...rest }) => ({ _id: id, ...rest })));
    const now = new Date();
    const updates = changes.map((change) => updateOf(change, now));
    if (!this.onFerretDB) {
      await bulkWriteInChunks(this.visitors, updates);
      return;
    }
    for (const update of updates) await this.visitors.bulkWrite([update]);
  }

  async eventsOf(visitorId: string): Promise<TouchpointEvent[]> {
    const documents = await this.events.find({ visitorId }).sort({ at: 1 }).toArray();
    return documents.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async forgetVisitor(id: string): Promise<boolean> {
    const [events, visitor] = await Promise.all([
      this.events.deleteMany({ visitorId: id }),
      this.visitors.deleteOne({ _id: id }),
    ]);
    return events.deletedCount + visitor.deletedCount > 0;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
