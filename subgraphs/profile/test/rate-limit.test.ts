import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../rate-limit.js';

const second = 1_000;

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function takeTimes(limiter: RateLimiter, address: string, times: number): boolean[] {
  return Array.from({ length: times }, () => limiter.take(address));
}

describe('RateLimiter', () => {
  it('lets an address take perMinute tokens at once, then refuses it', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(5, 100, clock.now);
    expect(takeTimes(limiter, '203.0.113.1', 7)).toEqual([true, true, true, true, true, false, false]);
  });

  it('refills the bucket continuously: half a minute gives back half the tokens', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(4, 100, clock.now);
    takeTimes(limiter, '203.0.113.1', 4);
    expect(limiter.take('203.0.113.1')).toBe(false);

    clock.advance(14 * second);
    expect(limiter.take('203.0.113.1')).toBe(false);
    clock.advance(1 * second);
    expect(limiter.take('203.0.113.1')).toBe(true);

    clock.advance(30 * second);
    expect(takeTimes(limiter, '203.0.113.1', 3)).toEqual([true, true, false]);
  });

  it('never holds more than perMinute tokens, however long an address stays away', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(3, 100, clock.now);
    limiter.take('203.0.113.1');
    clock.advance(24 * 60 * 60 * second);
    expect(takeTimes(limiter, '203.0.113.1', 4)).toEqual([true, true, true, false]);
  });

  it('keeps a bucket per address: one address running dry leaves the others alone', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, 100, clock.now);
    expect(takeTimes(limiter, '203.0.113.1', 3)).toEqual([true, true, false]);
    expect(takeTimes(limiter, '203.0.113.2', 3)).toEqual([true, true, false]);
    expect(limiter.take('unknown')).toBe(true);
  });

  it('keeps at most maxAddresses buckets, however many addresses come', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(1, 50, clock.now);
    for (let index = 0; index < 10_000; index += 1) {
      limiter.take(`10.0.${Math.floor(index / 256)}.${index % 256}`);
      expect(limiter.size).toBeLessThanOrEqual(50);
    }
    expect(limiter.size).toBe(50);
  });

  it('evicts the least recently used address first, keeping a busy one throttled', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(1, 3, clock.now);
    expect(limiter.take('busy')).toBe(true);
    limiter.take('a');
    limiter.take('b');
    // `busy` asks again (and is refused), which makes `a` the least recently used.
    expect(limiter.take('busy')).toBe(false);
    limiter.take('c');
    expect(limiter.size).toBe(3);
    expect(limiter.take('busy')).toBe(false);
    // `a` was evicted: it comes back with a full bucket.
    expect(limiter.take('a')).toBe(true);
  });

  it('refuses a rate that is not positive with a TypeError that names it', () => {
    expect(() => new RateLimiter(0)).toThrow(TypeError);
    expect(() => new RateLimiter(Number.NaN)).toThrow('perMinute must be positive, got NaN');
  });
});
