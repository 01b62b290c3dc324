import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ForwardDecay } from '../../../shared/decay.js';
import { connectMongo } from '../../../shared/mongo/client.js';
import {
  countCommands,
  createTestDatabase,
  type StorageKind,
  storageKinds,
  type TestDatabase,
} from '../../../test/support/storage.js';
import { type VisitorChange, visitorChangesOf } from '../affinity.js';
import { createEventRecorder } from '../event-recorder.js';
import type { TouchpointEvent } from '../events.js';
import { MemoryProfileStore } from '../store/memory.js';
import { MongoProfileStore } from '../store/mongo.js';
import type { ProfileStore } from '../store/port.js';
import { shirt, tights, touchpointEvent } from './fixtures.js';

const decay = new ForwardDecay(14 * 86_400_000);
const catalog = new Map([tights, shirt].map((product) => [product.id, product]));
const changesOf = (events: readonly TouchpointEvent[]) => visitorChangesOf(events, catalog, decay);
const now = new Date();

/** A view of the tights by `visitorId`, accepted by `track`. */
function viewOfTights(visitorId: string): TouchpointEvent {
  return touchpointEvent('PRODUCT_VIEW', now, { visitorId, productId: tights.id });
}

/** The memory store, keeping every `recordEvents` call it is given. */
class RecordingStore extends MemoryProfileStore {
  readonly writes: { events: readonly TouchpointEvent[]; changes: readonly VisitorChange[] }[] = [];

  override async recordEvents(events: readonly TouchpointEvent[], changes: readonly VisitorChange[]) {
    this.writes.push({ events, changes });
    await super.recordEvents(events, changes);
  }
}

/** The memory store, refusing its first write: the database is down for that moment. */
class FirstWriteFailsStore extends MemoryProfileStore {
  private failed = false;

  override async recordEvents(events: readonly TouchpointEvent[], changes: readonly VisitorChange[]) {
    if (!this.failed) {
      this.failed = true;
      throw new Error('the database is down');
    }
    await super.recordEvents(events, changes);
  }
}

describe('EventRecorder', () => {
  it('stores concurrent calls with one write, one change per visitor with the increments summed', async () => {
    const store = new RecordingStore();
    const recorder = createEventRecorder(store, changesOf);
    const calls = [
      [viewOfTights('visitor-a'), viewOfTights('visitor-b')],
      [viewOfTights('visitor-a')],
      [viewOfTights('visitor-a')],
    ];
    await Promise.all(calls.map((call) => recorder.submit(call)));
    expect(store.writes).toHaveLength(1);
    expect(store.writes[0]?.events).toHaveLength(4);
    const changes = store.writes[0]?.changes ?? [];
    expect(changes.map((change) => change.visitorId).sort()).toEqual(['visitor-a', 'visitor-b']);
    const [a] = await store.findVisitors(['visitor-a']);
    expect(a?.affinity.brand.Laufwerk).toBeCloseTo(3 * decay.grow(1, now), 6);
    expect(await store.eventsOf('visitor-a')).toHaveLength(3);
  });

  it('fails every call of a group whose write fails, storing none of their events, and stores the next group', async () => {
    const store = new FirstWriteFailsStore();
    const recorder = createEventRecorder(store, changesOf);
    const group = [
      recorder.submit([viewOfTights('visitor-a')]),
      recorder.submit([viewOfTights('visitor-b')]),
    ];
    for (const call of group) await expect(call).rejects.toThrow('the database is down');
    expect(await store.eventsOf('visitor-a')).toEqual([]);
    expect(await store.eventsOf('visitor-b')).toEqual([]);
    expect(await store.findVisitors(['visitor-a', 'visitor-b'])).toEqual([null, null]);
    await recorder.submit([viewOfTights('visitor-c')]);
    expect(await store.eventsOf('visitor-c')).toHaveLength(1);
  });
});

let database: TestDatabase | undefined;

async function emptyStore(kind: StorageKind): Promise<ProfileStore> {
  if (kind === 'memory') return new MemoryProfileStore();
  database ??= await createTestDatabase();
  await database.client.db(database.name).dropDatabase();
  const store = new MongoProfileStore(
    await connectMongo({ kind: 'mongodb', uri: database.uri, database: database.name }, database.client),
    180 * 86_400,
  );
  await store.createIndexes();
  return store;
}

afterAll(async () => {
  await database?.drop();
});

describe.each(storageKinds)('EventRecorder on the %s store', (kind) => {
  let store: ProfileStore;

  beforeEach(async () => {
    store = await emptyStore(kind);
  });

  // FerretDB loses concurrent `$inc`s on one document (see the store contract): the recorder's
  // writes never overlap, and one group holds one update per visitor.
  it('adds up the increments of concurrent calls for one visitor not seen before', async () => {
    const recorder = createEventRecorder(store, changesOf);
    await Promise.all(Array.from({ length: 8 }, () => recorder.submit([viewOfTights('visitor-new')])));
    const [found] = await store.findVisitors(['visitor-new']);
    expect(found?.affinity.brand.Laufwerk).toBeCloseTo(8 * decay.grow(1, now), 6);
    expect(await store.eventsOf('visitor-new')).toHaveLength(8);
  });

  it.runIf(kind === 'mongodb')('inserts the events of concurrent calls with one command', async () => {
    const recorder = createEventRecorder(store, changesOf);
    const commands = countCommands((database as TestDatabase).client);
    await Promise.all(
      ['visitor-a', 'visitor-b', 'visitor-c'].map((visitorId) => recorder.submit([viewOfTights(visitorId)])),
    );
    commands.stop();
    expect(commands.byCollection('profile_events')).toBe(1);
    expect(await store.eventsOf('visitor-b')).toHaveLength(1);
  });
});
