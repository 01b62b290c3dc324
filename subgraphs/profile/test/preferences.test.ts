import { describe, expect, it } from 'vitest';
import { product } from '../../../test/support/catalog-fixtures.js';
import { visitorChangesOf } from '../affinity.js';
import { decayEpoch, ForwardDecay } from '../../../shared/decay.js';
import { type TrackEventInput, type ValidationContext, validateEvent } from '../events.js';
import { preferencesOf } from '../preferences.js';
import { MemoryProfileStore } from '../store/memory.js';
import { consentNotAsked, emptyAffinity, type VisitorRecord } from '../store/port.js';
import { Vocabulary } from '../vocabulary.js';

const day = 86_400_000;
const halfLife = 14 * day;
const decay = new ForwardDecay(halfLife);
const now = new Date('2026-11-23T10:00:00Z');

function daysBefore(days: number): Date {
  return new Date(now.getTime() - days * day);
}

function record(affinity: Partial<VisitorRecord['affinity']>): VisitorRecord {
  return {
    id: 'visitor-1',
    firstSeenAt: daysBefore(30),
    lastEventAt: now,
    affinity: { ...emptyAffinity(), ...affinity },
    viewed: {},
    bought: {},
    lastSearch: null,
    consent: consentNotAsked,
  };
}

describe('ForwardDecay', () => {
  it('scores an event one half-life old at half of a fresh one', () => {
    const fresh = decay.score(decay.grow(4, now), now);
    const old = decay.score(decay.grow(4, new Date(now.getTime() - halfLife)), now);
    expect(old).toBeCloseTo(fresh / 2, 12);
  });

  it('scores an event two half-lives old at a quarter of its weight', () => {
    expect(decay.score(decay.grow(1, daysBefore(28)), now)).toBeCloseTo(0.25, 12);
  });

  it.each([new Date(decayEpoch), new Date('2020-02-29T12:00:00Z'), now, new Date('2031-06-01T00:00:00Z')])(
    'gives back the weight when an event of %s is scored at its own time',
    (at) => {
      expect(decay.score(decay.grow(3.5, at), at)).toBeCloseTo(3.5, 9);
    },
  );

  it('lets sums of grown weights be scored as the sum of the decayed weights', () => {
    const stored = decay.grow(2, daysBefore(14)) + decay.grow(1, now);
    expect(decay.score(stored, now)).toBeCloseTo(2 / 2 + 1, 12);
  });

  it.each([0, -1, Number.NaN])('rejects a half-life of %s ms', (ms) => {
    expect(() => new ForwardDecay(ms)).toThrow(TypeError);
    expect(() => new ForwardDecay(ms)).toThrow(`half-life must be a positive number of ms, got ${ms}`);
  });
});

describe('preferencesOf', () => {
  it('has empty lists for a visitor without a record', () => {
    expect(preferencesOf(null, decay, now)).toEqual({ sizes: [], colors: [], brands: [], categories: [] });
  });

  it('lists each dimension highest score first', () => {
    const preferences = preferencesOf(
      record({
        size: { M: decay.grow(1, now), XL: decay.grow(5, now), L: decay.grow(3, now) },
        brand: { Laufwerk: decay.grow(2, now), Küstenwind: decay.grow(4, now) },
      }),
      decay,
      now,
    );
    expect(preferences.sizes).toEqual([
      { value: 'XL', score: 5 },
      { value: 'L', score: 3 },
      { value: 'M', score: 1 },
    ]);
    expect(preferences.brands).toEqual([
      { value: 'Küstenwind', score: 4 },
      { value: 'Laufwerk', score: 2 },
    ]);
    expect(preferences.colors).toEqual([]);
  });

  it('reads the scores at the given time: older events count less', () => {
    const preferences = preferencesOf(
      record({ color: { blau: decay.grow(3, daysBefore(14)), schwarz: decay.grow(2, now) } }),
      decay,
      now,
    );
    expect(preferences.colors).toEqual([
      { value: 'schwarz', score: 2 },
      { value: 'blau', score: 1.5 },
    ]);
  });

  it('drops values whose score has decayed below 0.01', () => {
    // 1 / 2^7 ≈ 0.0078 after seven half-lives; 1 / 2^6 ≈ 0.0156 after six.
    const preferences = preferencesOf(
      record({
        category: { Hemden: decay.grow(1, daysBefore(7 * 14)), Laufhosen: decay.grow(1, daysBefore(6 * 14)) },
      }),
      decay,
      now,
    );
    expect(preferences.categories).toEqual([{ value: 'Laufhosen', score: 0.016 }]);
  });

  it('keeps at most 20 values per dimension, the highest', () => {
    const sizes = Object.fromEntries(
      Array.from({ length: 25 }, (_, index) => [`size-${index + 1}`, decay.grow(index + 1, now)]),
    );
    const preferences = preferencesOf(record({ size: sizes }), decay, now);
    expect(preferences.sizes).toHaveLength(20);
    expect(preferences.sizes[0]).toEqual({ value: 'size-25', score: 25 });
    expect(preferences.sizes.at(-1)).toEqual({ value: 'size-6', score: 6 });
  });

  it('orders values of equal score by name', () => {
    const preferences = preferencesOf(
      record({ brand: { Zebra: decay.grow(1, now), Alpha: decay.grow(1, now) } }),
      decay,
      now,
    );
    expect(preferences.brands.map((affinity) => affinity.value)).toEqual(['Alpha', 'Zebra']);
  });
});

describe('preferences learned from tracked events', () => {
  it('puts an explicit XL filter above several product views of other sizes', async () => {
    const catalog = [
      product('JG-1', {
        variants: [
          ['M', 'blau', 3],
          ['L', 'blau', 3],
          ['XL', 'blau', 3],
        ],
      }),
      product('JG-2', {
        variants: [
          ['M', 'schwarz', 3],
          ['XL', 'schwarz', 3],
        ],
      }),
    ];
    const context: ValidationContext = {
      products: new Map(catalog.map((entry) => [entry.id, entry])),
      vocabulary: new Vocabulary(catalog),
      now,
      maxClockSkewMs: 300_000,
      maxAgeMs: 180 * day,
    };
    const view = (productId: string, sku: string, minutesAgo: number): TrackEventInput => ({
      visitorId: 'visitor-1',
      type: 'PRODUCT_VIEW',
      productId,
      sku,
      at: new Date(now.getTime() - minutesAgo * 60_000),
    });
    const inputs: TrackEventInput[] = [
      {
        visitorId: 'visitor-1',
        type: 'FILTER',
        search: { filters: { sizes: ['xl'] } },
        at: new Date(now.getTime() - 60 * 60_000),
      },
      view('JG-1', 'JG-1-blau-M', 40),
      view('JG-2', 'JG-2-schwarz-M', 30),
      view('JG-1', 'JG-1-blau-L', 20),
      view('JG-2', 'JG-2-schwarz-M', 10),
    ];
    const events = inputs.map((input) => validateEvent(input, context));
    const store = new MemoryProfileStore();
    await store.recordEvents(events, visitorChangesOf(events, context.products, decay));
    const [stored] = await store.findVisitors(['visitor-1']);

    const sizes = preferencesOf(stored ?? null, decay, now).sizes;
    expect(sizes.map((affinity) => affinity.value)).toEqual(['XL', 'M', 'L']);
    expect(sizes[0]?.score).toBeGreaterThan(sizes[1]?.score ?? Number.POSITIVE_INFINITY);
  });
});
