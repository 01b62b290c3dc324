/**
 * A bounded map that drops the least recently used entry when full: what is asked for over and
 * over stays (the same few subscription operations, the same callers), while endless new keys
 * cannot grow it.
 */
export class RecentlyUsed<TValue> {
  /** In order of use, the least recently used first. */
  private readonly entries = new Map<string, TValue>();

  /** @param limit most entries held at once */
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  }

  get(key: string): TValue | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: TValue): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
