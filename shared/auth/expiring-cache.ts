/**
 * A bounded map whose entries each expire at their own time. When full, the entry stored first
 * goes, so a burst of new keys cannot grow it without end.
 */
export class ExpiringCache<TValue> {
  private readonly entries = new Map<string, { value: TValue; expiresAt: number }>();

  /** @param limit most entries held at once */
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
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
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }
}
