import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countCommands,
  createTestDatabase,
  type StorageKind,
  storageKinds,
  type TestDatabase,
} from '../../../test/support/storage.js';
import type { PairIncrement, PairKind } from '../learning/pairs.js';
import { MemoryPairStore } from './memory.js';
import { MongoPairStore } from './mongo.js';
import type { PairStore } from './port.js';

interface Harness {
  /** A store holding nothing. */
  emptyStore(): Promise<PairStore>;
  /** Counts the store's round trips from now on. */
  countRoundTrips(store: PairStore): () => number;
  /**
   * Whether concurrent updates of one document are atomic. FerretDB, which CI runs in place of
   * MongoDB, loses concurrent `$inc`s on one document; MongoDB itself does not.
   */
  atomicUpdates: boolean;
}

let database: TestDatabase | undefined;

async function harnessOf(kind: StorageKind): Promise<Harness> {
  switch (kind) {
    case 'memory':
      return {
        emptyStore: async () => new MemoryPairStore(),
        countRoundTrips: (store) => {
          const memory = store as MemoryPairStore;
          const before = memory.roundTrips;
          return () => memory.roundTrips - before;
        },
        atomicUpdates: true,
      };
    case 'mongodb': {
      database ??= await createTestDatabase();
      const { name, client } = database;
      const store = new MongoPairStore(client.db(name));
      const buildInfo = await client.db(name).admin().command({ buildInfo: 1 });
      return {
        emptyStore: async () => {
          await client.db(name).collection('recommendation_pairs').deleteMany({});
          return store;
        },
        countRoundTrips: () => {
          const commands = countCommands(client);
          return () => {
            commands.stop();
            return commands.byCollection('recommendation_pairs');
          };
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

function pair(anchorId: string, partnerId: string, amount = 1, kind: PairKind = 'viewed'): PairIncrement {
  return { anchorId, kind, partnerId, amount };
}

describe.each(storageKinds)('PairStore on %s', (kind) => {
  let harness: Harness;
  let store: PairStore;

  beforeAll(async () => {
    harness = await harnessOf(kind);
  });

  beforeEach(async () => {
    store = await harness.emptyStore();
  });

  describe('findPairs', () => {
    it('returns each product’s pairs in the order of the ids, empty for products without any', async () => {
      await store.addPairs([pair('p1', 'p2'), pair('p2', 'p1'), pair('p3', 'p1', 2, 'bought')]);
      expect(await store.findPairs(['p3', 'nothing-learned', 'p1', 'p3'])).toEqual([
        { viewed: {}, bought: { p1: 2 } },
        { viewed: {}, bought: {} },
        { viewed: { p2: 1 }, bought: {} },
        { viewed: {}, bought: { p1: 2 } },
      ]);
    });

    it('returns nothing for no ids', async () => {
      expect(await store.findPairs([])).toEqual([]);
    });

    it('reads the pairs of many products in one round trip', async () => {
      await store.addPairs([pair('p1', 'p2'), pair('p2', 'p1')]);
      const roundTrips = harness.countRoundTrips(store);
      await store.findPairs(Array.from({ length: 50 }, (_, index) => `p${index}`));
      expect(roundTrips()).toBe(1);
    });
  });

  describe('addPairs', () => {
    it('adds up the increments of one call and of separate calls', async () => {
      await store.addPairs([pair('p1', 'p2', 1.25), pair('p1', 'p2', 0.5), pair('p1', 'p3', 1)]);
      await store.addPairs([pair('p1', 'p2', 2.5)]);
      expect(await store.findPairs(['p1'])).toEqual([{ viewed: { p2: 4.25, p3: 1 }, bought: {} }]);
    });

    it('keeps "viewed together" and "bought together" apart', async () => {
      await store.addPairs([pair('p1', 'p2', 1, 'viewed'), pair('p1', 'p2', 3, 'bought')]);
      await store.addPairs([pair('p1', 'p2', 1, 'bought')]);
      expect(await store.findPairs(['p1'])).toEqual([{ viewed: { p2: 1 }, bought: { p2: 4 } }]);
    });

    it('leaves other products alone', async () => {
      await store.addPairs([pair('p2', 'p9', 5)]);
      await store.addPairs([pair('p1', 'p2', 1)]);
      expect(await store.findPairs(['p2'])).toEqual([{ viewed: { p9: 5 }, bought: {} }]);
    });

    it('writes a batch of many products in a round trip per chunk of 25 anchors, and nothing for no pairs', async () => {
      const roundTrips = harness.countRoundTrips(store);
      await store.addPairs([]);
      await store.addPairs(
        Array.from({ length: 40 }, (_, index) => pair(`p${index}`, `p${index + 1}`, 1, 'bought')),
      );
      // 40 anchors (p0..p39): two chunks of at most 25.
      expect(roundTrips()).toBe(2);
      expect(await store.findPairs(['p39'])).toEqual([{ viewed: {}, bought: { p40: 1 } }]);
    });

    it('round-trips product ids with dots, "$", "%", spaces and umlauts in them', async () => {
      const odd = ['1.5', '$pecial', 'a.b.c', 'x%2Ey', '100 %', 'Größe 3/4'];
      await store.addPairs(
        odd.flatMap((id) => odd.filter((other) => other !== id).map((other) => pair(id, other))),
      );
      await store.addPairs([pair('a.b.c', '1.5', 2)]);
      const [found] = await store.findPairs(['a.b.c']);
      expect(found?.viewed).toEqual({ '1.5': 3, $pecial: 1, 'x%2Ey': 1, '100 %': 1, 'Größe 3/4': 1 });
      expect((await store.findPairs(odd)).every((pairs) => Object.keys(pairs.viewed).length === 5)).toBe(
        true,
      );
    });

    it('adds up concurrent calls for a product not seen before', async ({ skip }) => {
      skip(!harness.atomicUpdates, 'this server does not update documents atomically (FerretDB)');
      await Promise.all(Array.from({ length: 8 }, () => store.addPairs([pair('p-new', 'p1', 0.5)])));
      expect(await store.findPairs(['p-new'])).toEqual([{ viewed: { p1: 4 }, bought: {} }]);
    });
  });
});
