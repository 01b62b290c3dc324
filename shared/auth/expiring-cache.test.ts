import { describe, expect, it } from 'vitest';
import { ExpiringCache } from './expiring-cache.js';

describe('ExpiringCache', () => {
  it('gives a value back until its expiry, and nothing from then on', () => {
    const cache = new ExpiringCache<string>(10);
    cache.set('alice', 'A', 1_000);
    expect(cache.get('alice', 999)).toBe('A');
    expect(cache.get('alice', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('lets the least recently used entry go when it is full', () => {
    const cache = new ExpiringCache<string>(2);
    cache.set('alice', 'A', 1_000);
    cache.set('bob', 'B', 1_000);
    cache.set('carol', 'C', 1_000);
    expect(cache.get('alice', 0)).toBeUndefined();
    expect(cache.get('bob', 0)).toBe('B');
    expect(cache.get('carol', 0)).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('counts a key stored again as new, so that it outlives the keys stored in between', () => {
    const cache = new ExpiringCache<string>(2);
    cache.set('alice', 'A', 1_000);
    cache.set('bob', 'B', 1_000);
    cache.set('alice', 'A2', 2_000);
    cache.set('carol', 'C', 1_000);
    expect(cache.get('alice', 1_500)).toBe('A2');
    expect(cache.get('bob', 0)).toBeUndefined();
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => new ExpiringCache(0)).toThrow('limit must be a whole number ≥ 1, got 0');
  });
});
