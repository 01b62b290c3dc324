import { RecentlyUsed } from '../recently-used.js';

/**
 * A bounded map whose entries each expire at their own time. When full, the least recently used
 * entry goes, so a burst of new keys cannot grow it without end.
 */
export class ExpiringCache<TValue> {
  private readonly entries: RecentlyUsed<{ value: TValue; expiresAt: number }>;

  /** @param limit most entries held at once */
  constructor(limit: number) {
    this.entries = new RecentlyUsed(limit);
  }

  /** The value stored for `key`, unless it has expired by `now` (ms since the epoch). */
  get(key: string, now: number): TValue | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: TValue, expiresAt: number): void {
    this.entries.set(key, { value, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }
}
