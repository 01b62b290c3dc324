interface Waiting<TItem> {
  item: TItem;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items handed in while a write runs wait for it, then go together in the next
 * write, and each caller is answered once the write that held its item is done. Under load, one
 * write carries many callers (one insert and one journal flush for all of them); alone, an
 * item is written at once, without waiting for company. Writes never overlap, so two writes of
 * one process never update the same document at the same time.
 */
export class GroupCommit<TItem> {
  private waiting: Waiting<TItem>[] = [];
  private writing = false;

  /** @param write stores a group; when it throws, every caller of that group gets the error. */
  constructor(private readonly write: (items: TItem[]) => Promise<void>) {}

  /** Resolves once the write that carried the item is done. */
  submit(item: TItem): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // Started after this tick: items handed in by the same tick (one request's aliases) join.
      if (!this.writing) {
        this.writing = true;
        queueMicrotask(() => void this.writeWaiting());
      }
    });
  }

  private async writeWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await this.write(group.map(({ item }) => item));
        for (const { resolve } of group) resolve();
      } catch (error) {
        for (const { reject } of group) reject(error);
      }
    }
    this.writing = false;
  }
}
