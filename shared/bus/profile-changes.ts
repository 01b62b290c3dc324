import { EventEmitter, on } from 'node:events';

/**
 * "The profile of visitor X changed": published by the profile subgraph after each stored
 * change, heard by every `visitorUpdated` subscription of that visitor. The in-process bus
 * serves one instance; the Redis bus carries the same messages to every instance.
 */
export interface ProfileChanges {
  publish(visitorId: string): Promise<void>;
  /** Yields once per change of `visitorId` until the iterator is returned (unsubscribed). */
  changesOf(visitorId: string): AsyncIterableIterator<void>;
  close(): Promise<void>;
}

/** Local delivery, shared by both buses: one emitter, one event name per visitor. */
export class LocalProfileChanges implements ProfileChanges {
  protected readonly emitter = new EventEmitter();

  constructor() {
    // Thousands of subscriptions may listen at once; each is one listener, not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(visitorId: string): Promise<void> {
    this.deliver(visitorId);
  }

  protected deliver(visitorId: string): void {
    this.emitter.emit(visitorId);
  }

  changesOf(visitorId: string): AsyncIterableIterator<void> {
    const events = on(this.emitter, visitorId);
    return {
      next: async () => {
        const { done } = await events.next();
        return done === true ? { done: true, value: undefined } : { done: false, value: undefined };
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }

  /** Subscriptions listening now (for tests and health). */
  listeners(): number {
    return this.emitter.eventNames().reduce((sum, name) => sum + this.emitter.listenerCount(name), 0);
  }
}
