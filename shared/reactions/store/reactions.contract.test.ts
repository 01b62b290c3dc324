import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countCommands,
  createTestDatabase,
  hasMongo,
  type StorageKind,
  storageKinds,
  type TestDatabase,
} from '../../../test/support/storage.js';
import type { Placement } from '../../touchpoints.js';
import type { ReactionIncrement, StoredReaction } from '../reactions.js';
import { MemoryReactionStore } from './memory.js';
import { MongoReactionStore } from './mongo.js';
import { openReactionStore } from './open.js';
import type { ReactionStore } from './port.js';

const collection = 'search_reactions';

/** A clock the test moves by hand: the stores stamp `updatedAt` with it. */
const clock = {
  current: new Date('2026-03-02T10:00:00Z'),
  now: () => clock.current,
  advance(ms: number) {
    clock.current = new Date(clock.current.getTime() + ms);
  },
};

interface Harness {
  /** A store holding nothing, in `collection`. */
  emptyStore(): Promise<ReactionStore>;
  /** Another touchpoint's store, in a collection of its own. */
  otherStore(): ReactionStore;
  /** Counts the store's round trips from now on. */
  countRoundTrips(store: ReactionStore): () => number;
}

let database: TestDatabase | undefined;

async function harnessOf(kind: StorageKind): Promise<Harness> {
  switch (kind) {
    case 'memory': {
      const other = new MemoryReactionStore(clock.now);
      return {
        emptyStore: async () => new MemoryReactionStore(clock.now),
        otherStore: () => other,
        countRoundTrips: (store) => {
          const memory = store as MemoryReactionStore;
          const before = memory.roundTrips;
          return () => memory.roundTrips - before;
        },
      };
    }
    case 'mongodb': {
      database ??= await createTestDatabase();
      const { name, client } = database;
      const store = new MongoReactionStore(client.db(name), collection, { now: clock.now });
      await store.createIndexes();
      const other = new MongoReactionStore(client.db(name), 'recommendation_reactions', { now: clock.now });
      return {
        emptyStore: async () => {
          await client.db(name).collection(collection).deleteMany({});
          await client.db(name).collection('recommendation_reactions').deleteMany({});
          return store;
        },
        otherStore: () => other,
        countRoundTrips: () => {
          const commands = countCommands(client);
          return () => {
            commands.stop();
            return commands.byCollection(collection);
          };
        },
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

function reaction(
  productId: string,
  placement: Placement | null,
  amounts: Partial<Pick<ReactionIncrement, 'shown' | 'clicked' | 'interest'>>,
): ReactionIncrement {
  return { placement, productId, shown: 0, clicked: 0, interest: 0, ...amounts };
}

function byProduct(reactions: StoredReaction[]): StoredReaction[] {
  return [...reactions].sort((a, b) => a.productId.localeCompare(b.productId));
}

describe.each(storageKinds)('ReactionStore on %s', (kind) => {
  let harness: Harness;
  let store: ReactionStore;

  beforeAll(async () => {
    harness = await harnessOf(kind);
  });

  beforeEach(async () => {
    store = await harness.emptyStore();
    clock.current = new Date('2026-03-02T10:00:00Z');
  });

  describe('add', () => {
    it('adds up the increments of one call and of separate calls, per placement and for interest', async () => {
      await store.add([
        reaction('p1', 'SEARCH', { shown: 1.25, clicked: 0.5 }),
        reaction('p1', 'SEARCH', { shown: 2 }),
        reaction('p1', 'HOME', { shown: 4 }),
        reaction('p1', null, { interest: 3 }),
      ]);
      clock.advance(1_000);
      await store.add([
        reaction('p1', 'SEARCH', { shown: 1, clicked: 1 }),
        reaction('p1', null, { interest: 5 }),
      ]);
      expect(await store.changedSince(null)).toEqual([
        {
          productId: 'p1',
          placements: { SEARCH: { shown: 4.25, clicked: 1.5 }, HOME: { shown: 4, clicked: 0 } },
          interest: 8,
          updatedAt: new Date('2026-03-02T10:00:01Z'),
        },
      ]);
    });

    it('keeps products apart, and a product with only interest has no placements', async () => {
      await store.add([reaction('p1', 'NEWSLETTER', { clicked: 1 }), reaction('p2', null, { interest: 5 })]);
      expect(byProduct(await store.changedSince(null))).toEqual([
        {
          productId: 'p1',
          placements: { NEWSLETTER: { shown: 0, clicked: 1 } },
          interest: 0,
          updatedAt: clock.current,
        },
        { productId: 'p2', placements: {}, interest: 5, updatedAt: clock.current },
      ]);
    });

    it('writes a batch of many products in a round trip per chunk of 25, and nothing for no increments', async () => {
      const roundTrips = harness.countRoundTrips(store);
      await store.add([]);
      await store.add(
        Array.from({ length: 40 }, (_, index) => reaction(`p${index}`, 'SEARCH', { shown: 1 })),
      );
      expect(roundTrips()).toBe(2);
      expect(await store.changedSince(null)).toHaveLength(40);
    });

    it('round-trips product ids with dots, "$", "%", spaces and umlauts in them', async () => {
      const odd = ['1.5', '$pecial', 'a.b.c', 'x%2Ey', '100 %', 'Größe 3/4'];
      await store.add(odd.map((id) => reaction(id, 'SEARCH', { shown: 2 })));
      expect(byProduct(await store.changedSince(null)).map((found) => found.productId)).toEqual(
        [...odd].sort((a, b) => a.localeCompare(b)),
      );
    });

    it('rejects an increment that is not one before writing anything', async () => {
      const good = reaction('p1', 'SEARCH', { shown: 1 });
      await expect(store.add([good, reaction('p2', 'SEARCH', { shown: -1 })])).rejects.toThrow(
        /increment 1: shown must be a finite number ≥ 0, got -1/,
      );
      await expect(store.add([good, reaction('p2', 'SEARCH', { clicked: Number.NaN })])).rejects.toThrow(
        /clicked must be a finite number/,
      );
      await expect(store.add([reaction('p2', null, { shown: 1 })])).rejects.toThrow(
        /shown and clicked need a placement/,
      );
      await expect(store.add([reaction('', 'SEARCH', { shown: 1 })])).rejects.toThrow(
        /productId must be a non-empty string/,
      );
      await expect(store.add([{ ...good, placement: 'SIDEBAR' as Placement }])).rejects.toThrow(
        /placement must be one of HOME, PRODUCT_DETAIL, CART, SEARCH, NEWSLETTER or null/,
      );
      expect(await store.changedSince(null)).toEqual([]);
    });

    it('keeps each touchpoint’s reactions in its own collection', async () => {
      await store.add([reaction('p1', 'SEARCH', { shown: 1 })]);
      await harness.otherStore().add([reaction('p1', 'HOME', { shown: 9 })]);
      expect(await store.changedSince(null)).toEqual([
        {
          productId: 'p1',
          placements: { SEARCH: { shown: 1, clicked: 0 } },
          interest: 0,
          updatedAt: clock.current,
        },
      ]);
    });
  });

  describe('changedSince', () => {
    it('returns nothing from a store that learned nothing', async () => {
      expect(await store.changedSince(null)).toEqual([]);
      expect(await store.changedSince(clock.current)).toEqual([]);
    });

    it('returns the products changed at or after the time, each with all its sums', async () => {
      await store.add([reaction('p1', 'SEARCH', { shown: 1 }), reaction('p2', 'SEARCH', { shown: 1 })]);
      clock.advance(1_000);
      const since = clock.current;
      await store.add([reaction('p2', 'SEARCH', { clicked: 1 }), reaction('p3', null, { interest: 1 })]);
      clock.advance(1_000);
      expect(byProduct(await store.changedSince(since))).toEqual([
        { productId: 'p2', placements: { SEARCH: { shown: 1, clicked: 1 } }, interest: 0, updatedAt: since },
        { productId: 'p3', placements: {}, interest: 1, updatedAt: since },
      ]);
      expect(await store.changedSince(clock.current)).toEqual([]);
    });

    it('reads what changed in one round trip', async () => {
      await store.add(
        Array.from({ length: 40 }, (_, index) => reaction(`p${index}`, 'SEARCH', { shown: 1 })),
      );
      const roundTrips = harness.countRoundTrips(store);
      await store.changedSince(null);
      expect(roundTrips()).toBe(1);
    });

    it('hands out copies: changing what it returned changes nothing stored', async () => {
      await store.add([reaction('p1', 'SEARCH', { shown: 1 })]);
      const [read] = await store.changedSince(null);
      if (read?.placements.SEARCH === undefined) throw new Error('p1 was not read back');
      read.placements.SEARCH.shown = 100;
      read.interest = 100;
      const [again] = await store.changedSince(null);
      expect(again).toMatchObject({ placements: { SEARCH: { shown: 1 } }, interest: 0 });
    });
  });
});

describe.skipIf(!hasMongo)('openReactionStore on MongoDB', () => {
  it('indexes the collection by updatedAt, which changedSince reads by', async () => {
    database ??= await createTestDatabase();
    const { name, client, uri } = database;
    const store = await openReactionStore(
      { kind: 'mongodb', uri, database: name },
      'newsletter_reactions',
      client,
    );
    await store.add([reaction('p1', 'NEWSLETTER', { shown: 1 })]);
    const indexes = await client.db(name).collection('newsletter_reactions').indexes();
    expect(indexes.map((index) => index.key)).toContainEqual({ updatedAt: 1 });
    await store.close();
    // The client was the caller's: closing the store leaves it open.
    expect(await client.db(name).collection('newsletter_reactions').countDocuments()).toBe(1);
  });

  it('rejects a collection name MongoDB would not take', async () => {
    database ??= await createTestDatabase();
    const db = database.client.db(database.name);
    expect(() => new MongoReactionStore(db, 'search.reactions')).toThrow(
      /reaction collection name must be a letter/,
    );
  });
});

describe('openReactionStore on memory', () => {
  it('opens a memory store when no MongoDB is configured', async () => {
    const store = await openReactionStore({ kind: 'memory' }, collection);
    await store.add([reaction('p1', 'SEARCH', { shown: 1 })]);
    expect(await store.changedSince(null)).toHaveLength(1);
    expect(store).toBeInstanceOf(MemoryReactionStore);
  });
});
