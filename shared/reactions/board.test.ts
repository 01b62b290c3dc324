import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decayEpoch, ForwardDecay } from '../decay.js';
import { ReactionBoard } from './board.js';
import type { ReactionIncrement, StoredReaction } from './reactions.js';
import { MemoryReactionStore } from './store/memory.js';
import type { ReactionStore } from './store/port.js';

const day = 86_400_000;
const halfLife = 7 * day;
const decay = new ForwardDecay(halfLife);
/** At the decay epoch a stored sum reads as itself, which keeps the expected numbers plain. */
const now = new Date(decayEpoch);

function shownAt(productId: string, shown: number, clicked = 0): ReactionIncrement {
  return { placement: 'SEARCH', productId, shown, clicked, interest: 0 };
}

function interestIn(productId: string, interest: number): ReactionIncrement {
  return { placement: null, productId, shown: 0, clicked: 0, interest };
}

/** What the local learner does with a batch: store it, then rank with it at once. */
async function learn(store: ReactionStore, board: ReactionBoard, increments: ReactionIncrement[]) {
  await store.add(increments);
  board.apply(increments);
}

/** A clock the test moves by hand, for the store's `updatedAt`. */
function manualClock(start: Date) {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A store whose reads wait until the test lets them go, and that records what they asked for. */
class GatedStore implements ReactionStore {
  readonly asked: (Date | null)[] = [];
  private release: () => void = () => {};
  private gate: Promise<void> | null = null;

  constructor(private readonly inner: ReactionStore) {}

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  open(): void {
    this.release();
    this.gate = null;
  }

  add(increments: readonly ReactionIncrement[]): Promise<void> {
    return this.inner.add(increments);
  }

  async changedSince(since: Date | null): Promise<StoredReaction[]> {
    this.asked.push(since);
    if (this.gate !== null) await this.gate;
    return this.inner.changedSince(since);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ReactionBoard', () => {
  it('ranks with what this instance just learned, before any refresh', () => {
    const board = new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 1_000 });
    board.apply([shownAt('p1', 10, 2), interestIn('p1', 3)]);
    expect(board.reactions('SEARCH', 'p1', now)).toEqual({ shown: 10, clicked: 2 });
    expect(board.reactions('HOME', 'p1', now)).toEqual({ shown: 0, clicked: 0 });
    expect(board.reactions('SEARCH', 'unknown', now)).toEqual({ shown: 0, clicked: 0 });
    expect(board.interest('p1', now)).toBe(3);
  });

  it('does not count what it applied twice when a refresh reads it back from the store', async () => {
    const store = new MemoryReactionStore();
    const board = new ReactionBoard(store, decay, { refreshMs: 1_000 });
    await learn(store, board, [shownAt('p1', 10, 2), shownAt('p2', 30), interestIn('p1', 3)]);
    const rateBefore = board.placementRate('SEARCH', now);
    await board.refresh();
    await board.refresh();
    await learn(store, board, [shownAt('p1', 5, 1)]);
    await board.refresh();
    expect(board.reactions('SEARCH', 'p1', now)).toEqual({ shown: 15, clicked: 3 });
    expect(board.reactions('SEARCH', 'p2', now)).toEqual({ shown: 30, clicked: 0 });
    expect(board.interest('p1', now)).toBe(3);
    // 45 impressions and 3 clicks, with the prior of 200 impressions at 5 %.
    expect(board.placementRate('SEARCH', now)).toBeCloseTo((3 + 10) / (45 + 200), 10);
    expect(rateBefore).toBeCloseTo((2 + 10) / (40 + 200), 10);
  });

  it('takes over what other instances learned', async () => {
    const store = new MemoryReactionStore();
    const here = new ReactionBoard(store, decay, { refreshMs: 1_000 });
    const there = new ReactionBoard(store, decay, { refreshMs: 1_000 });
    await learn(store, there, [shownAt('p1', 10, 1), interestIn('p1', 5)]);
    await here.refresh();
    await learn(store, there, [shownAt('p1', 10, 1)]);
    await learn(store, here, [shownAt('p1', 1, 1)]);
    await here.refresh();
    await there.refresh();
    for (const board of [here, there]) {
      expect(board.reactions('SEARCH', 'p1', now)).toEqual({ shown: 21, clicked: 3 });
      expect(board.interest('p1', now)).toBe(5);
    }
  });

  it('reads everything the first time, then only what changed since shortly before the newest change it saw', async () => {
    const clock = manualClock(new Date('2026-03-02T10:00:00Z'));
    const store = new GatedStore(new MemoryReactionStore(clock.now));
    const board = new ReactionBoard(store, decay, { refreshMs: 1_000, overlapMs: 5_000 });
    await board.refresh();
    await store.add([shownAt('p1', 1)]);
    await board.refresh();
    clock.advance(60_000);
    await board.refresh();
    expect(store.asked).toEqual([null, null, new Date('2026-03-02T09:59:55Z')]);
  });

  it('counts learning applied while a refresh was reading once, and reads that product again', async () => {
    const clock = manualClock(new Date('2026-03-02T10:00:00Z'));
    const store = new GatedStore(new MemoryReactionStore(clock.now));
    const board = new ReactionBoard(store, decay, { refreshMs: 1_000, overlapMs: 5_000 });
    // Another instance learned about p1; this one has not read it yet.
    await store.add([shownAt('p1', 100, 10)]);
    store.hold();
    const refreshing = board.refresh();
    // While the read is under way, this instance stores and applies its own learning about p1,
    // and much later by the clock another product changes: the read sees all of it.
    await learn(store, board, [shownAt('p1', 1, 1)]);
    clock.advance(60 * 60_000);
    await store.add([shownAt('p2', 7)]);
    store.open();
    await refreshing;
    expect(board.reactions('SEARCH', 'p1', now)).toEqual({ shown: 1, clicked: 1 });
    expect(board.reactions('SEARCH', 'p2', now)).toEqual({ shown: 7, clicked: 0 });
    // Nothing changed since, yet the next refresh reads p1 again and gets it right.
    await board.refresh();
    expect(board.reactions('SEARCH', 'p1', now)).toEqual({ shown: 101, clicked: 11 });
    expect(board.placementRate('SEARCH', now)).toBeCloseTo((11 + 10) / (108 + 200), 10);
  });

  it('halves every count after one half-life', () => {
    const board = new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 1_000 });
    board.apply([shownAt('p1', 8, 2), interestIn('p1', 6), interestIn('p2', 3)]);
    const later = new Date(now.getTime() + halfLife);
    expect(board.reactions('SEARCH', 'p1', later)).toEqual({ shown: 4, clicked: 1 });
    expect(board.interest('p1', later)).toBe(3);
    expect(board.placementShown('SEARCH', later)).toBe(4);
    expect(board.popularityReading()('p2')).toBe(0.5);
  });

  it('assumes a 5 % click-through at a placement without data, and moves to its own with data', () => {
    const board = new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 1_000 });
    expect(board.placementRate('SEARCH', now)).toBeCloseTo(0.05, 10);
    board.apply([shownAt('p1', 10_000, 1_000)]);
    expect(board.placementRate('SEARCH', now)).toBeCloseTo(0.1, 2);
    expect(board.placementRate('HOME', now)).toBeCloseTo(0.05, 10);
  });

  it('keeps a placement’s rate below 1 when clicks outnumber the impressions tracked', () => {
    const board = new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 1_000 });
    board.apply([shownAt('p1', 0, 500)]);
    const rate = board.placementRate('SEARCH', now);
    expect(rate).toBeGreaterThan(0.5);
    expect(rate).toBeLessThan(1);
  });

  it('rates popularity against the most wanted product, 0 while nobody showed interest', () => {
    const board = new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 1_000 });
    expect(board.popularityReading()('p1')).toBe(0);
    board.apply([interestIn('p1', 10), interestIn('p2', 5), shownAt('p3', 100)]);
    const popularity = board.popularityReading();
    expect(popularity('p1')).toBe(1);
    expect(popularity('p2')).toBe(0.5);
    expect(popularity('p3')).toBe(0);
    expect(popularity('unknown')).toBe(0);
  });

  it('hands out one popularity reading until the interests change, by learning or by a refresh', async () => {
    const store = new MemoryReactionStore();
    const board = new ReactionBoard(store, decay, { refreshMs: 1_000 });
    board.apply([interestIn('p1', 10)]);
    const first = board.popularityReading();
    expect(board.popularityReading()).toBe(first);
    board.apply([interestIn('p2', 20)]);
    const second = board.popularityReading();
    expect(second).not.toBe(first);
    expect(second('p1')).toBe(0.5);
    await store.add([interestIn('p1', 30)]);
    await board.refresh();
    expect(board.popularityReading()).not.toBe(second);
    expect(board.popularityReading()('p1')).toBe(1);
  });

  it('refreshes every refreshMs once started, and no more once stopped', async () => {
    vi.useFakeTimers();
    const store = new MemoryReactionStore();
    const board = new ReactionBoard(store, decay, { refreshMs: 1_000 });
    board.start();
    await store.add([shownAt('p1', 3)]);
    await vi.advanceTimersByTimeAsync(999);
    expect(board.reactions('SEARCH', 'p1', now).shown).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(board.reactions('SEARCH', 'p1', now).shown).toBe(3);
    await board.stop();
    await store.add([shownAt('p1', 3)]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(board.reactions('SEARCH', 'p1', now).shown).toBe(3);
  });

  it('keeps ranking with what it read when a refresh fails, and reports the failure', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const store = new MemoryReactionStore();
    await store.add([shownAt('p1', 3)]);
    const board = new ReactionBoard(store, decay, { refreshMs: 1_000, logger });
    await board.refresh();
    store.changedSince = async () => {
      throw new Error('connection lost');
    };
    board.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await board.stop();
    expect(board.reactions('SEARCH', 'p1', now).shown).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('reaction refresh failed');
    expect(lines[0]).toContain('connection lost');
  });

  it('rejects a refreshMs that is not a positive whole number', () => {
    expect(() => new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 0 })).toThrow(
      /refreshMs must be a positive whole number/,
    );
  });
});
