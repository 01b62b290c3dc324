import type { Change, Verdict, VisitorUpdatedMessage, Workload } from './workloads.js';

interface PendingChange {
  change: Change;
  sentAt: number;
  acknowledgedAt: number | undefined;
  receivedAt: number | undefined;
}

export interface LedgerFigures {
  changes: number;
  /** From `track` acknowledged to message received; 0 for a message that came first. */
  afterAcknowledgedMs: number[];
  /** From `track` sent to message received. */
  fromSentMs: number[];
  missed: number;
  duplicated: number;
  verdicts: Record<Verdict, number>;
  failedTracks: number;
}

/**
 * Every profile change the benchmark makes and the one `visitorUpdated` message it must
 * produce. At most one change per visitor is in flight (the driver picks visitors without one),
 * so a visitor's next message answers its pending change, and any other message is a duplicate.
 */
export class ChangeLedger {
  private readonly pending: (PendingChange | undefined)[];
  private readonly made: number[];
  private figures: LedgerFigures = ChangeLedger.empty();
  private inFlightCount = 0;
  private lastActivity = performance.now();
  private waiters: (() => void)[] = [];

  constructor(
    readonly visitors: number,
    private readonly workload: Workload,
  ) {
    this.pending = new Array<PendingChange | undefined>(visitors).fill(undefined);
    this.made = new Array<number>(visitors).fill(0);
  }

  private static empty(): LedgerFigures {
    return {
      changes: 0,
      afterAcknowledgedMs: [],
      fromSentMs: [],
      missed: 0,
      duplicated: 0,
      verdicts: { fresh: 0, errors: 0, 'another change': 0, stale: 0, untold: 0 },
      failedTracks: 0,
    };
  }

  /** Starts counting afresh: what came before (the warm-up) is not measured. */
  startMeasuring(): void {
    this.figures = ChangeLedger.empty();
  }

  inFlight(visitor: number): boolean {
    const pending = this.pending[visitor];
    return pending !== undefined && pending.receivedAt === undefined;
  }

  outstanding(): number {
    return this.inFlightCount;
  }

  /** The visitor's next change, about to be tracked. */
  send(visitor: number): Change {
    const change = this.workload.changeOf(visitor, this.made[visitor] as number);
    this.made[visitor] = (this.made[visitor] as number) + 1;
    if (!this.inFlight(visitor)) this.inFlightCount += 1;
    this.pending[visitor] = {
      change,
      sentAt: performance.now(),
      acknowledgedAt: undefined,
      receivedAt: undefined,
    };
    this.figures.changes += 1;
    return change;
  }

  acknowledged(visitor: number): void {
    const pending = this.pending[visitor];
    if (pending === undefined) return;
    pending.acknowledgedAt = performance.now();
    if (pending.receivedAt !== undefined) this.recordLatency(pending);
    this.touch();
  }

  /** `track` failed: no message is due. */
  failed(visitor: number): void {
    if (this.inFlight(visitor)) this.inFlightCount -= 1;
    this.pending[visitor] = undefined;
    this.figures.changes -= 1;
    this.figures.failedTracks += 1;
    this.touch();
  }

  received(visitor: number, message: VisitorUpdatedMessage): void {
    const receivedAt = performance.now();
    const pending = this.pending[visitor];
    if (pending === undefined || pending.receivedAt !== undefined) {
      this.figures.duplicated += 1;
      this.touch();
      return;
    }
    pending.receivedAt = receivedAt;
    this.inFlightCount -= 1;
    if (pending.acknowledgedAt !== undefined) this.recordLatency(pending);
    this.figures.verdicts[this.workload.verdict(message, pending.change)] += 1;
    this.touch();
  }

  private recordLatency(pending: PendingChange): void {
    const receivedAt = pending.receivedAt as number;
    this.figures.afterAcknowledgedMs.push(Math.max(0, receivedAt - (pending.acknowledgedAt as number)));
    this.figures.fromSentMs.push(receivedAt - pending.sentAt);
  }

  private touch(): void {
    this.lastActivity = performance.now();
    if (this.inFlightCount > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /**
   * Resolves when no change awaits its message, or when none arrived for `quietMs`: a message
   * that late counts as missed.
   */
  async settled(quietMs: number): Promise<void> {
    while (this.inFlightCount > 0) {
      const remaining = this.lastActivity + quietMs - performance.now();
      if (remaining <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Visitors whose last change got no message. */
  unanswered(): number[] {
    const visitors: number[] = [];
    for (let visitor = 0; visitor < this.visitors; visitor += 1)
      if (this.inFlight(visitor)) visitors.push(visitor);
    return visitors;
  }

  /** The figures so far; changes still awaiting their message count as missed. */
  result(): LedgerFigures {
    return { ...this.figures, missed: this.inFlightCount };
  }
}
