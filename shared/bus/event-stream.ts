import { EventEmitter } from 'node:events';
import type { EventType, Placement } from '../touchpoints.js';

/**
 * Not a touchpoint: the visitor asked to be forgotten, and every service that holds anything of
 * theirs drops it when this passes on the stream.
 */
export const visitorForgotten = 'VISITOR_FORGOTTEN';

/** A stored touchpoint event as the other services learn from it. */
export interface StreamedEvent {
  id: string;
  visitorId: string;
  type: EventType | typeof visitorForgotten;
  /** ISO 8601 */
  at: string;
  productId: string | null;
  sku: string | null;
  productIds: string[] | null;
  placement: Placement | null;
  campaignId: string | null;
}

export interface EventConsumer {
  /** Stops after the batch in hand, or gives it up after `stopDeadlineMs` (it is delivered again). */
  stop(): Promise<void>;
}

/** How long stopping a consumer waits for the batch in hand before giving it up. */
export const stopDeadlineMs = 5_000;

/** Resolves when `work` does, or after `stopDeadlineMs`, whichever comes first. */
export async function untilDeadline(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, stopDeadlineMs);
  });
  await Promise.race([work, deadline]);
  clearTimeout(timer);
}

/**
 * The durable stream of touchpoint events: the profile appends every stored event; each
 * consuming service reads it as a group, at least once and in order, and a group that was down
 * resumes where it left off.
 */
export interface EventStream {
  append(events: readonly StreamedEvent[]): Promise<void>;
  /**
   * Hands `handle` every event the group has not acknowledged yet, then each new batch. A batch
   * counts as acknowledged once `handle` resolves; a throw leaves it to be delivered again.
   */
  consume(group: string, consumer: string, handle: (events: StreamedEvent[]) => Promise<void>): EventConsumer;
  close(): Promise<void>;
}

/**
 * The embedded stream for services in one process: a bounded log in memory with an offset per
 * group. Same delivery rules as Redis, but gone when the process ends.
 */
export class InProcessEventStream implements EventStream {
  private readonly log: StreamedEvent[] = [];
  /** Position in the whole history of the first event still in `log`. */
  private dropped = 0;
  private readonly offsets = new Map<string, number>();
  private readonly appended = new EventEmitter();

  constructor(private readonly retained = 100_000) {
    this.appended.setMaxListeners(0);
  }

  async append(events: readonly StreamedEvent[]): Promise<void> {
    this.log.push(...events);
    if (this.log.length > this.retained) {
      const excess = this.log.length - this.retained;
      this.log.splice(0, excess);
      this.dropped += excess;
    }
    this.appended.emit('append');
  }

  consume(
    group: string,
    _consumer: string,
    handle: (events: StreamedEvent[]) => Promise<void>,
  ): EventConsumer {
    let stopped = false;
    let running: Promise<void> = Promise.resolve();
    const drain = async () => {
      while (!stopped) {
        const offset = Math.max(this.offsets.get(group) ?? 0, this.dropped);
        const batch = this.log.slice(offset - this.dropped, offset - this.dropped + 500);
        if (batch.length === 0) return;
        await handle(batch);
        this.offsets.set(group, offset + batch.length);
      }
    };
    const schedule = () => {
      running = running.then(drain).catch(() => undefined);
    };
    this.appended.on('append', schedule);
    schedule();
    return {
      stop: async () => {
        stopped = true;
        this.appended.off('append', schedule);
        await untilDeadline(running);
      },
    };
  }

  async close(): Promise<void> {
    this.appended.removeAllListeners();
  }
}
