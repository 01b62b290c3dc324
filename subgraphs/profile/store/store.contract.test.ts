import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { connectMongo } from '../../../shared/mongo/client.js';
import { product } from '../../../test/support/catalog-fixtures.js';
import {
  countCommands,
  createTestDatabase,
  type StorageKind,
  storageKinds,
  type TestDatabase,
} from '../../../test/support/storage.js';
import type { VisitorChange } from '../affinity.js';
import type { SearchContext } from '../events.js';
import { touchpointEvent } from '../test/fixtures.js';
import { MemoryProfileStore } from './memory.js';
import { MongoProfileStore } from './mongo.js';
import { consentNotAsked, type ProfileStore } from './port.js';

// The real clock, not a fixed date: a store may expire events by their `at` (a MongoDB TTL index),
// and events dated long ago could vanish while the suite runs.
const now = new Date();
const minute = 60_000;

function minutesAgo(minutes: number): Date {
  return new Date(now.getTime() - minutes * minute);
}

/**
 * A product whose price, regular price and three-level category path all differ, so that a round
 * trip mixing up or dropping any of them shows.
 */
function storedProduct(id: string, title = `Laufhose ${id}`): Product {
  return product(id, {
    title,
    categoryPath: ['Bekleidung', 'Hosen', 'Laufhosen'],
    price: 39.95,
    regularPrice: 49.95,
    variants: [['XL', 'schwarz', 2]],
  });
}

function searchAt(at: Date, filters: Partial<SearchContext> = {}): SearchContext {
  return {
    query: 'laufhose',
    sizes: ['XL'],
    colors: ['schwarz'],
    brands: [],
    categories: ['Laufhosen'],
    priceMin: 10,
    priceMax: 60.5,
    at,
    ...filters,
  };
}

function change(visitorId: string, fields: Partial<VisitorChange> = {}): VisitorChange {
  return { visitorId, lastEventAt: now, affinity: [], viewed: [], bought: [], lastSearch: null, ...fields };
}

/** Records one PAGE_VIEW per change, so that every change is explained by an event. */
async function record(store: ProfileStore, ...changes: VisitorChange[]): Promise<void> {
  const events = changes.map((entry) =>
    touchpointEvent('PAGE_VIEW', entry.lastEventAt, { visitorId: entry.visitorId }),
  );
  await store.recordEvents(events, changes);
}

interface Harness {
  /** A store holding nothing. */
  emptyStore(): Promise<ProfileStore>;
  /**
   * Whether concurrent updates of one document are atomic. FerretDB 1.24 on SQLite, which CI runs
   * in place of MongoDB, reads and rewrites a document without isolation: concurrent `$inc`s are
   * lost and concurrent upserts of one `_id` fail with E11000. MongoDB itself does neither.
   */
  atomicUpdates: boolean;
}

let database: TestDatabase | undefined;

async function harnessOf(kind: StorageKind): Promise<Harness> {
  switch (kind) {
    case 'memory':
      return { emptyStore: async () => new MemoryProfileStore(), atomicUpdates: true };
    case 'mongodb': {
      database ??= await createTestDatabase();
      const { name, uri, client } = database;
      const store = new MongoProfileStore(
        await connectMongo({ kind: 'mongodb', uri, database: name }, client),
        180 * 86_400,
      );
      await store.createIndexes();
      const buildInfo = await client.db(name).admin().command({ buildInfo: 1 });
      const collections = ['profile_visitors', 'profile_events', 'profile_products', 'profile_catalog_state'];
      return {
        emptyStore: async () => {
          await Promise.all(
            collections.map((collection) => client.db(name).collection(collection).deleteMany({})),
          );
          return store;
        },
        atomicUpdates: buildInfo.ferretdbVersion === undefined,
      };
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown storage kind ${String(unreachable)}`);
    }
  }
}

afterAll(async () => {
  await database?.drop();
});

describe.each(storageKinds)('ProfileStore on %s', (kind) => {
  let harness: Harness;
  let store: ProfileStore;

  beforeAll(async () => {
    harness = await harnessOf(kind);
  });

  beforeEach(async () => {
    store = await harness.emptyStore();
  });

  describe('findVisitors', () => {
    it('returns records in the order of the ids, with null for unknown ids', async () => {
      await record(store, change('visitor-a'), change('visitor-b'));
      const found = await store.findVisitors(['visitor-b', 'nobody-1', 'visitor-a', 'visitor-b']);
      expect(found.map((entry) => entry?.id ?? null)).toEqual(['visitor-b', null, 'visitor-a', 'visitor-b']);
    });

    it('returns nothing for no ids', async () => {
      expect(await store.findVisitors([])).toEqual([]);
    });

    it('returns an empty profile part as empty, not missing', async () => {
      await record(store, change('visitor-a', { lastEventAt: minutesAgo(3) }));
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found).toEqual({
        id: 'visitor-a',
        firstSeenAt: expect.any(Date),
        lastEventAt: minutesAgo(3),
        affinity: { size: {}, color: {}, brand: {}, category: {} },
        viewed: {},
        bought: {},
        lastSearch: null,
        consent: consentNotAsked,
      });
    });

    it('hands out records of the caller’s own: changing one changes nothing stored', async () => {
      await record(
        store,
        change('visitor-a', {
          affinity: [{ dimension: 'color', value: 'blau', amount: 0.5 }],
          viewed: [{ productId: 'JG-1', at: minutesAgo(4) }],
          bought: [{ productId: 'JG-2', at: minutesAgo(3) }],
          lastSearch: searchAt(minutesAgo(2)),
        }),
      );
      const before = structuredClone(await store.findVisitors(['visitor-a']));
      const [changed] = await store.findVisitors(['visitor-a']);
      if (changed == null || changed.lastSearch === null) throw new Error('visitor-a was not stored');
      changed.affinity.color.blau = 9;
      changed.viewed['JG-1']?.setTime(0);
      changed.bought['JG-3'] = new Date(0);
      changed.lastSearch.sizes.push('XXL');
      changed.lastSearch.at.setTime(0);
      changed.lastEventAt.setTime(0);
      changed.consent.tracking = false;
      expect(await store.findVisitors(['visitor-a'])).toEqual(before);
    });
  });

  describe('declinedTracking', () => {
    it('names the visitors who declined tracking, not those who agreed, were never asked or are unknown', async () => {
      await store.startVisitor('visitor-no', { tracking: false }, now);
      await store.startVisitor('visitor-yes', { tracking: true }, now);
      await store.startVisitor('visitor-unasked', { newsletter: true }, now);
      await store.setConsent('visitor-changed', { tracking: false }, now);
      await record(store, change('visitor-changed'));
      const declined = await store.declinedTracking([
        'visitor-no',
        'visitor-yes',
        'visitor-unasked',
        'visitor-changed',
        'nobody-1',
        'visitor-no',
      ]);
      expect([...declined].sort()).toEqual(['visitor-changed', 'visitor-no']);
    });

    it('names nobody for no ids', async () => {
      expect(await store.declinedTracking([])).toEqual(new Set());
    });
  });

  describe('recordEvents', () => {
    it('stores the events, returned oldest first with every field and Date types', async () => {
      const search = searchAt(minutesAgo(20));
      const events = [
        touchpointEvent('PURCHASE', minutesAgo(5), {
          visitorId: 'visitor-a',
          receivedAt: now,
          productId: 'JG-1',
          sku: 'JG-1-XL',
        }),
        touchpointEvent('FILTER', minutesAgo(20), { visitorId: 'visitor-a', receivedAt: now, search }),
        touchpointEvent('IMPRESSION', minutesAgo(10), {
          visitorId: 'visitor-a',
          receivedAt: now,
          productIds: ['JG-1', 'JG-2'],
          placement: 'SEARCH',
        }),
        touchpointEvent('NEWSLETTER_CLICK', minutesAgo(1), {
          visitorId: 'visitor-a',
          receivedAt: now,
          campaignId: 'winter-sale',
          productId: 'JG-2',
          placement: 'NEWSLETTER',
        }),
        touchpointEvent('PAGE_VIEW', minutesAgo(15), { visitorId: 'visitor-b', receivedAt: now }),
      ];
      await store.recordEvents(events, [change('visitor-a'), change('visitor-b')]);

      const stored = await store.eventsOf('visitor-a');
      expect(stored).toEqual([events[1], events[2], events[0], events[3]]);
      const filter = stored[0];
      expect(filter?.at).toBeInstanceOf(Date);
      expect(filter?.receivedAt).toBeInstanceOf(Date);
      expect(filter?.search?.at).toBeInstanceOf(Date);
      expect(filter?.search).toEqual(search);
    });

    it('returns no events for an unknown visitor', async () => {
      expect(await store.eventsOf('nobody-1')).toEqual([]);
    });

    it('applies the changes to the profiles', async () => {
      const search = searchAt(minutesAgo(2));
      await record(
        store,
        change('visitor-a', {
          lastEventAt: minutesAgo(2),
          affinity: [
            { dimension: 'size', value: 'XL', amount: 5 },
            { dimension: 'color', value: 'schwarz', amount: 0.5 },
            { dimension: 'brand', value: 'Laufwerk', amount: 1 },
            { dimension: 'category', value: 'Laufhosen', amount: 1 },
            { dimension: 'brand', value: 'Laufwerk', amount: 3 },
          ],
          viewed: [{ productId: 'JG-1', at: minutesAgo(4) }],
          bought: [{ productId: 'JG-2', at: minutesAgo(3) }],
          lastSearch: search,
        }),
      );
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found).toEqual({
        id: 'visitor-a',
        firstSeenAt: expect.any(Date),
        lastEventAt: minutesAgo(2),
        affinity: {
          size: { XL: 5 },
          color: { schwarz: 0.5 },
          brand: { Laufwerk: 4 },
          category: { Laufhosen: 1 },
        },
        viewed: { 'JG-1': minutesAgo(4) },
        bought: { 'JG-2': minutesAgo(3) },
        lastSearch: search,
        consent: consentNotAsked,
      });
    });

    it('adds up the increments of separate calls', async () => {
      const affinity = (amount: number): VisitorChange['affinity'] => [
        { dimension: 'size', value: 'XL', amount },
        { dimension: 'brand', value: 'Laufwerk', amount: amount * 2 },
      ];
      await record(store, change('visitor-a', { affinity: affinity(1.25) }));
      await record(store, change('visitor-a', { affinity: affinity(2.5) }));
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.affinity.size).toEqual({ XL: 3.75 });
      expect(found?.affinity.brand).toEqual({ Laufwerk: 7.5 });
    });

    it('adds up the increments of concurrent calls for a visitor not seen before', async ({ skip }) => {
      skip(!harness.atomicUpdates, 'this server does not update documents atomically (FerretDB)');
      const calls = Array.from({ length: 8 }, () =>
        record(
          store,
          change('visitor-new', { affinity: [{ dimension: 'color', value: 'blau', amount: 0.5 }] }),
        ),
      );
      await Promise.all(calls);
      const [found] = await store.findVisitors(['visitor-new']);
      expect(found?.affinity.color).toEqual({ blau: 4 });
      expect(await store.eventsOf('visitor-new')).toHaveLength(8);
    });

    it('round-trips values and product ids with dots, "$", "%" and digits in them', async () => {
      const odd = ['1.5', '42', '$pecial', 'a.b.c', 'x%2Ey', '100 %', 'Größe 3/4'];
      await record(
        store,
        change('visitor-a', {
          affinity: odd.flatMap((value) => [
            { dimension: 'size' as const, value, amount: 1 },
            { dimension: 'brand' as const, value, amount: 2 },
          ]),
          viewed: odd.map((productId) => ({ productId, at: minutesAgo(1) })),
          bought: odd.map((productId) => ({ productId, at: minutesAgo(2) })),
        }),
      );
      await record(
        store,
        change('visitor-a', { affinity: [{ dimension: 'size', value: '1.5', amount: 1 }] }),
      );
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.affinity.size).toEqual({
        ...Object.fromEntries(odd.map((value) => [value, 1])),
        '1.5': 2,
      });
      expect(found?.affinity.brand).toEqual(Object.fromEntries(odd.map((value) => [value, 2])));
      expect(found?.viewed).toEqual(Object.fromEntries(odd.map((productId) => [productId, minutesAgo(1)])));
      expect(found?.bought).toEqual(Object.fromEntries(odd.map((productId) => [productId, minutesAgo(2)])));
    });

    it('keeps the latest view time per product, whatever order the views come in', async () => {
      await record(
        store,
        change('visitor-a', {
          viewed: [
            { productId: 'JG-1', at: minutesAgo(10) },
            { productId: 'JG-1', at: minutesAgo(5) },
            { productId: 'JG-2', at: minutesAgo(8) },
          ],
        }),
      );
      await record(
        store,
        change('visitor-a', {
          viewed: [
            { productId: 'JG-1', at: minutesAgo(30) },
            { productId: 'JG-2', at: minutesAgo(1) },
          ],
        }),
      );
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.viewed).toEqual({ 'JG-1': minutesAgo(5), 'JG-2': minutesAgo(1) });
    });

    it('keeps the latest purchase time per product, whatever order the purchases come in', async () => {
      await record(
        store,
        change('visitor-a', {
          bought: [
            { productId: 'JG-1', at: minutesAgo(10) },
            { productId: 'JG-1', at: minutesAgo(5) },
            { productId: 'JG-2', at: minutesAgo(8) },
          ],
        }),
      );
      await record(
        store,
        change('visitor-a', {
          bought: [
            { productId: 'JG-1', at: minutesAgo(30) },
            { productId: 'JG-2', at: minutesAgo(1) },
          ],
        }),
      );
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.bought).toEqual({ 'JG-1': minutesAgo(5), 'JG-2': minutesAgo(1) });
    });

    it('keeps the latest lastEventAt and the first firstSeenAt', async () => {
      await record(store, change('visitor-a', { lastEventAt: minutesAgo(5) }));
      const [first] = await store.findVisitors(['visitor-a']);
      await record(store, change('visitor-a', { lastEventAt: minutesAgo(9) }));
      const [second] = await store.findVisitors(['visitor-a']);
      expect(second?.lastEventAt).toEqual(minutesAgo(5));
      expect(second?.firstSeenAt).toEqual(first?.firstSeenAt);
    });

    it('replaces lastSearch with the next call’s search, and keeps it when a call has none', async () => {
      const first = searchAt(minutesAgo(10));
      const second = searchAt(minutesAgo(3), { query: null, sizes: ['M'], priceMin: null, priceMax: null });
      await record(store, change('visitor-a', { lastSearch: first }));
      await record(store, change('visitor-a', { lastSearch: second }));
      await record(store, change('visitor-a'));
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.lastSearch).toEqual(second);
    });

    it('leaves other visitors alone', async () => {
      await record(store, change('visitor-b', { affinity: [{ dimension: 'size', value: 'M', amount: 1 }] }));
      await record(store, change('visitor-a', { affinity: [{ dimension: 'size', value: 'XL', amount: 1 }] }));
      const [found] = await store.findVisitors(['visitor-b']);
      expect(found?.affinity.size).toEqual({ M: 1 });
    });
  });

  describe('forgetVisitor', () => {
    it('deletes the profile and the events and says so, then finds nothing to delete', async () => {
      await record(store, change('visitor-a'), change('visitor-b'));
      expect(await store.forgetVisitor('visitor-a')).toBe(true);
      expect(await store.findVisitors(['visitor-a', 'visitor-b'])).toEqual([null, expect.anything()]);
      expect(await store.eventsOf('visitor-a')).toEqual([]);
      expect(await store.eventsOf('visitor-b')).toHaveLength(1);
      expect(await store.forgetVisitor('visitor-a')).toBe(false);
    });

    it('forgets the purchases with the profile: the visitor coming back has bought nothing', async () => {
      await record(store, change('visitor-a', { bought: [{ productId: 'JG-1', at: minutesAgo(5) }] }));
      expect(await store.forgetVisitor('visitor-a')).toBe(true);
      await record(store, change('visitor-a', { lastEventAt: minutesAgo(1) }));
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.bought).toEqual({});
    });

    it('finds nothing to delete for a visitor never seen', async () => {
      expect(await store.forgetVisitor('nobody-1')).toBe(false);
    });
  });

  describe('startVisitor', () => {
    it('creates a record with the consent given, unanswered questions null, and lastEventAt now', async () => {
      await store.startVisitor('visitor-a', { tracking: true }, now);
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found).toEqual({
        id: 'visitor-a',
        firstSeenAt: now,
        lastEventAt: now,
        affinity: { size: {}, color: {}, brand: {}, category: {} },
        viewed: {},
        bought: {},
        lastSearch: null,
        consent: { tracking: true, newsletter: null, updatedAt: now },
      });
      expect(await store.eventsOf('visitor-a')).toEqual([]);
    });

    it('records both answers when both are given', async () => {
      await store.startVisitor('visitor-a', { tracking: false, newsletter: true }, now);
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.consent).toEqual({ tracking: false, newsletter: true, updatedAt: now });
    });
  });

  describe('setConsent', () => {
    it('changes only the answers given and returns the consent as it is now', async () => {
      await store.startVisitor('visitor-a', { tracking: true, newsletter: false }, minutesAgo(10));
      const consent = await store.setConsent('visitor-a', { newsletter: true }, now);
      expect(consent).toEqual({ tracking: true, newsletter: true, updatedAt: now });
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.consent).toEqual(consent);
      expect(found?.lastEventAt).toEqual(minutesAgo(10));
    });

    it('takes a null answer as no answer: the earlier one stays', async () => {
      await store.startVisitor('visitor-a', { tracking: true, newsletter: true }, minutesAgo(10));
      const consent = await store.setConsent('visitor-a', { tracking: false, newsletter: null }, now);
      expect(consent).toEqual({ tracking: false, newsletter: true, updatedAt: now });
    });

    it('creates the visitor when missing, with the other answer not asked yet', async () => {
      const consent = await store.setConsent('visitor-new', { tracking: false }, now);
      expect(consent).toEqual({ tracking: false, newsletter: null, updatedAt: now });
      const [found] = await store.findVisitors(['visitor-new']);
      expect(found).toEqual({
        id: 'visitor-new',
        firstSeenAt: now,
        lastEventAt: now,
        affinity: { size: {}, color: {}, brand: {}, category: {} },
        viewed: {},
        bought: {},
        lastSearch: null,
        consent: { tracking: false, newsletter: null, updatedAt: now },
      });
    });

    it('records consent on a visitor known from events only, keeping the profile', async () => {
      await record(
        store,
        change('visitor-a', {
          lastEventAt: minutesAgo(3),
          affinity: [{ dimension: 'size', value: 'XL', amount: 1 }],
        }),
      );
      const consent = await store.setConsent('visitor-a', { newsletter: false }, now);
      expect(consent).toEqual({ tracking: null, newsletter: false, updatedAt: now });
      const [found] = await store.findVisitors(['visitor-a']);
      expect(found?.consent).toEqual(consent);
      expect(found?.affinity.size).toEqual({ XL: 1 });
      expect(found?.lastEventAt).toEqual(minutesAgo(3));
    });
  });

  describe('expireBefore', () => {
    it('deletes events before the cutoff and visitors idle since before it, and counts them', async () => {
      const cutoff = minutesAgo(30);
      await store.recordEvents(
        [
          touchpointEvent('PAGE_VIEW', minutesAgo(90), { visitorId: 'visitor-idle' }),
          touchpointEvent('PAGE_VIEW', minutesAgo(60), { visitorId: 'visitor-idle' }),
          touchpointEvent('PAGE_VIEW', minutesAgo(60), { visitorId: 'visitor-back' }),
          touchpointEvent('PAGE_VIEW', minutesAgo(5), { visitorId: 'visitor-back' }),
        ],
        [
          change('visitor-idle', { lastEventAt: minutesAgo(60) }),
          change('visitor-back', { lastEventAt: minutesAgo(5) }),
        ],
      );
      await store.startVisitor('visitor-fresh', {}, minutesAgo(1));

      expect(await store.expireBefore(cutoff)).toEqual({ events: 3, visitors: 1 });

      expect(
        (await store.findVisitors(['visitor-idle', 'visitor-back', 'visitor-fresh'])).map(
          (found) => found?.id ?? null,
        ),
      ).toEqual([null, 'visitor-back', 'visitor-fresh']);
      expect(await store.eventsOf('visitor-idle')).toEqual([]);
      expect((await store.eventsOf('visitor-back')).map((event) => event.at)).toEqual([minutesAgo(5)]);
    });

    it('keeps an event and a visitor exactly at the cutoff', async () => {
      const cutoff = minutesAgo(30);
      await store.recordEvents(
        [touchpointEvent('PAGE_VIEW', cutoff, { visitorId: 'visitor-a' })],
        [change('visitor-a', { lastEventAt: cutoff })],
      );
      expect(await store.expireBefore(cutoff)).toEqual({ events: 0, visitors: 0 });
      expect(await store.eventsOf('visitor-a')).toHaveLength(1);
      expect(await store.findVisitors(['visitor-a'])).toEqual([expect.objectContaining({ id: 'visitor-a' })]);
    });

    it('finds nothing to delete in an empty store', async () => {
      expect(await store.expireBefore(now)).toEqual({ events: 0, visitors: 0 });
    });
  });

  describe('products', () => {
    const byId = (a: Product, b: Product) => a.id.localeCompare(b.id);
    /** The product as the feed gave it: the store adds when it was first listed. */
    const asFed = (product: Product | null) => {
      if (product === null) return null;
      const { listedAt: _listedAt, ...fed } = product;
      return fed;
    };
    const listAllAsFed = async () => (await store.products.listAll()).map(asFed);

    it('finds products in the order of the ids, with null for unknown ids and repeats kept', async () => {
      const [one, two] = [storedProduct('JG-1'), storedProduct('JG-2')];
      await store.products.importFeed([one, two], 'feed-1');
      expect((await store.products.findByIds(['JG-2', 'JG-404', 'JG-1', 'JG-2'])).map(asFed)).toEqual([
        two,
        null,
        one,
        two,
      ]);
    });

    it('lists every product', async () => {
      const products = [storedProduct('JG-1'), storedProduct('JG-2'), storedProduct('JG-3')];
      await store.products.importFeed(products, 'feed-1');
      expect((await store.products.listAll()).sort(byId).map(asFed)).toEqual(products);
    });

    it('skips an import whose fingerprint is unchanged and says so', async () => {
      expect(await store.products.importFeed([storedProduct('JG-1')], 'feed-1')).toBe(true);
      expect(
        await store.products.importFeed([storedProduct('JG-1', 'Renamed'), storedProduct('JG-2')], 'feed-1'),
      ).toBe(false);
      expect(await listAllAsFed()).toEqual([storedProduct('JG-1')]);
    });

    it('replaces the whole set when the fingerprint changes: removed products are gone', async () => {
      await store.products.importFeed(
        [storedProduct('JG-1'), storedProduct('JG-2'), storedProduct('JG-3')],
        'feed-1',
      );
      const next = [storedProduct('JG-2', 'Renamed'), storedProduct('JG-4')];
      expect(await store.products.importFeed(next, 'feed-2')).toBe(true);
      expect((await store.products.listAll()).sort(byId).map(asFed)).toEqual(next);
      expect(await store.products.findByIds(['JG-1', 'JG-3'])).toEqual([null, null]);
    });

    it('keeps when a product was first listed across imports, and lists a new one at its import', async () => {
      await store.products.importFeed([storedProduct('JG-1')], 'feed-1');
      const [first] = await store.products.findByIds(['JG-1']);
      await store.products.importFeed([storedProduct('JG-1', 'Renamed'), storedProduct('JG-2')], 'feed-2');
      const [renamed, added] = await store.products.findByIds(['JG-1', 'JG-2']);
      expect(first?.listedAt).toBeInstanceOf(Date);
      expect(renamed?.listedAt).toEqual(first?.listedAt);
      expect(added?.listedAt?.getTime()).toBeGreaterThanOrEqual(first?.listedAt?.getTime() ?? Infinity);
    });

    it('empties the set on an empty feed with a new fingerprint', async () => {
      await store.products.importFeed([storedProduct('JG-1')], 'feed-1');
      expect(await store.products.importFeed([], 'feed-2')).toBe(true);
      expect(await store.products.listAll()).toEqual([]);
    });
  });
});

describe.runIf(storageKinds.includes('mongodb'))(
  'MongoProfileStore with profiles stored before purchases were kept',
  () => {
    let store: ProfileStore;

    beforeEach(async () => {
      store = await (await harnessOf('mongodb')).emptyStore();
      await (database as TestDatabase).client
        .db((database as TestDatabase).name)
        .collection<{ _id: string; [field: string]: unknown }>('profile_visitors')
        .insertOne({
          _id: 'visitor-old',
          firstSeenAt: minutesAgo(60),
          lastEventAt: minutesAgo(30),
          affinity: { size: { XL: 2 } },
          viewed: { 'JG-1': minutesAgo(30) },
          lastSearch: null,
          consent: consentNotAsked,
        });
    });

    it('reads such a profile as having bought nothing', async () => {
      const [found] = await store.findVisitors(['visitor-old']);
      expect(found?.bought).toEqual({});
      expect(found?.viewed).toEqual({ 'JG-1': minutesAgo(30) });
    });

    it('adds a purchase to such a profile, keeping the rest', async () => {
      await record(store, change('visitor-old', { bought: [{ productId: 'JG-2', at: minutesAgo(1) }] }));
      const [found] = await store.findVisitors(['visitor-old']);
      expect(found?.bought).toEqual({ 'JG-2': minutesAgo(1) });
      expect(found?.viewed).toEqual({ 'JG-1': minutesAgo(30) });
      expect(found?.affinity.size).toEqual({ XL: 2 });
    });
  },
);

describe.runIf(storageKinds.includes('mongodb'))('MongoProfileStore round trips', () => {
  let store: ProfileStore;
  let client: TestDatabase['client'];
  const ids = Array.from({ length: 100 }, (_, index) => `visitor-${String(index).padStart(3, '0')}`);

  beforeAll(async () => {
    store = await (await harnessOf('mongodb')).emptyStore();
    client = (database as TestDatabase).client;
    await record(store, ...ids.map((id) => change(id)));
    await store.products.importFeed(
      ids.map((id) => storedProduct(id)),
      'feed-1',
    );
  });

  it('reads 100 visitors with one find on profile_visitors', async () => {
    const commands = countCommands(client);
    const found = await store.findVisitors(ids);
    commands.stop();
    expect(found.every((entry) => entry !== null)).toBe(true);
    expect(commands.byCollection('profile_visitors')).toBe(1);
    expect(commands.total()).toBe(1);
  });

  it('reads one visitor by a plain _id filter, which FerretDB reads without decoding every profile', async () => {
    const filters: unknown[] = [];
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'find') filters.push(event.command.filter);
    };
    client.on('commandStarted', listener);
    const [found] = await store.findVisitors(['visitor-007', 'visitor-007']);
    client.off('commandStarted', listener);
    expect(found?.id).toBe('visitor-007');
    expect(filters).toEqual([{ _id: 'visitor-007' }]);
  });

  it('reads the consent of 100 visitors with one find, or with one find by _id each on FerretDB', async () => {
    const buildInfo = await client.db((database as TestDatabase).name).command({ buildInfo: 1 });
    const commands = countCommands(client);
    const declined = await store.declinedTracking(ids);
    commands.stop();
    expect(declined).toEqual(new Set());
    expect(commands.total()).toBe(buildInfo.ferretdbVersion === undefined ? 1 : ids.length);
  });

  it('updates 30 profiles in chunks of 25, or one command each on FerretDB', async () => {
    const buildInfo = await client.db((database as TestDatabase).name).command({ buildInfo: 1 });
    const updates: number[] = [];
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (event.commandName === 'update') updates.push((event.command.updates as unknown[]).length);
    };
    client.on('commandStarted', listener);
    await record(store, ...ids.slice(0, 30).map((id) => change(id)));
    client.off('commandStarted', listener);
    expect(updates).toEqual(buildInfo.ferretdbVersion === undefined ? [25, 5] : Array(30).fill(1));
  });

  it('sends the writes of events and profiles journaled on a majority: acknowledged means durable', async () => {
    const concerns: unknown[] = [];
    const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
      if (['insert', 'update', 'findAndModify'].includes(event.commandName))
        concerns.push(event.command.writeConcern);
    };
    client.on('commandStarted', listener);
    await record(store, change('visitor-001'), change('visitor-new'));
    await store.setConsent('visitor-002', { tracking: false }, now);
    client.off('commandStarted', listener);
    expect(concerns.length).toBeGreaterThanOrEqual(3);
    for (const concern of concerns) expect(concern).toEqual({ w: 'majority', j: true });
  });

  it('reads 100 products with one find', async () => {
    const commands = countCommands(client);
    const found = await store.products.findByIds(ids);
    commands.stop();
    expect(found.every((entry) => entry !== null)).toBe(true);
    expect(commands.byCollection('profile_products')).toBe(1);
    expect(commands.total()).toBe(1);
  });
});
