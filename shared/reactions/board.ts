import type { ForwardDecay } from '../decay.js';
import { createLogger, type Logger } from '../logging.js';
import { type Placement, placements } from '../touchpoints.js';
import type { ProductReactions, ReactionIncrement, ReactionSums, StoredReaction } from './reactions.js';
import type { ReactionStore } from './store/port.js';

/** The click-through a placement is assumed to have before it has any data of its own. */
export const defaultPlacementRate = 0.05;

/** How many impressions that assumption counts as, against the placement's own. */
const placementPriorImpressions = 200;

export interface ReactionBoardOptions {
  /** How often `start()` reads what the other instances learned. */
  refreshMs: number;
  /**
   * How far before the newest change it saw a refresh reads again: covers the clock skew between
   * instances (each stamps `updatedAt` by its own clock) and writes that were stamped but not yet
   * visible when the last refresh read. Reading a product again costs nothing but the read: the
   * board replaces what it holds.
   * @default 10_000
   */
  overlapMs?: number;
  /** Where a failed periodic refresh is reported. @default a logger named "reactions" */
  logger?: Logger;
}

interface HeldReaction {
  placements: Partial<Record<Placement, ReactionSums>>;
  interest: number;
}

/**
 * The in-memory view of the reaction store that a service ranks with. It holds, per product, the
 * stored sums it last read plus what this instance learned since (`apply`); a refresh replaces a
 * product's sums with the stored ones, which already hold this instance's learning, so nothing is
 * counted twice however often a product is read again.
 */
export class ReactionBoard {
  private readonly products = new Map<string, HeldReaction>();
  /** The sums over all products per placement, kept as products change. */
  private readonly totals = new Map<Placement, ReactionSums>();
  /** Stored sums only grow (forward decay adds, never subtracts), so the largest never shrinks. */
  private largestInterest = 0;
  /** The popularity reading of the interests held now; null once they change. */
  private reading: ((productId: string) => number) | null = null;
  /** The newest `updatedAt` read so far: the next refresh reads from shortly before it. */
  private newestSeen: Date | null = null;
  /** Products applied while a refresh was reading: whether the read saw them is unknown. */
  private appliedDuringRead: Set<string> | null = null;
  private pulling: Promise<void> = Promise.resolve();
  private refreshesRunning = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly refreshMs: number;
  private readonly overlapMs: number;
  private readonly logger: Logger;

  constructor(
    private readonly store: ReactionStore,
    private readonly decay: ForwardDecay,
    options: ReactionBoardOptions,
  ) {
    if (!(Number.isInteger(options.refreshMs) && options.refreshMs > 0)) {
      throw new TypeError(`refreshMs must be a positive whole number of ms, got ${options.refreshMs}`);
    }
    this.refreshMs = options.refreshMs;
    this.overlapMs = options.overlapMs ?? 10_000;
    this.logger = options.logger ?? createLogger('reactions', 'warn');
  }

  /** Adds what this instance just stored, so that it ranks with it at once, before any refresh. */
  apply(increments: readonly ReactionIncrement[]): void {
    for (const { placement, productId, shown, clicked, interest } of increments) {
      const held = this.heldFor(productId);
      if (placement !== null) {
        const sums = (held.placements[placement] ??= { shown: 0, clicked: 0 });
        sums.shown += shown;
        sums.clicked += clicked;
        const total = this.totalFor(placement);
        total.shown += shown;
        total.clicked += clicked;
      }
      held.interest += interest;
      this.largestInterest = Math.max(this.largestInterest, held.interest);
      this.reading = null;
      this.appliedDuringRead?.add(productId);
    }
  }

  /**
   * Reads what changed in the store since the last refresh (everything, the first time) and
   * takes it over. Refreshes run one after another.
   */
  refresh(): Promise<void> {
    this.refreshesRunning += 1;
    const run = this.pulling.then(() => this.pull());
    this.pulling = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.refreshesRunning -= 1;
    });
  }

  /** The product's decayed impressions and clicks at the placement, zero for one never shown there. */
  reactions(placement: Placement, productId: string, now: Date): ProductReactions {
    const sums = this.products.get(productId)?.placements[placement];
    if (sums === undefined) return { shown: 0, clicked: 0 };
    return { shown: this.decay.score(sums.shown, now), clicked: this.decay.score(sums.clicked, now) };
  }

  /**
   * The placement's overall click-through, from `defaultPlacementRate` with no data towards
   * clicked / shown as impressions come in; always strictly between 0 and 1.
   */
  placementRate(placement: Placement, now: Date): number {
    const total = this.totals.get(placement) ?? { shown: 0, clicked: 0 };
    const shown = this.decay.score(total.shown, now);
    const clicked = this.decay.score(total.clicked, now);
    // Clicks on lists whose impressions went untracked can outnumber impressions: never 1 or above.
    return (
      (clicked + placementPriorImpressions * defaultPlacementRate) /
      (Math.max(shown, clicked) + placementPriorImpressions)
    );
  }

  /** The decayed impressions of every product at the placement together. */
  placementShown(placement: Placement, now: Date): number {
    return this.decay.score(this.totals.get(placement)?.shown ?? 0, now);
  }

  /** The product's decayed interest: views, clicks, carts and purchases anywhere, weighted. */
  interest(productId: string, now: Date): number {
    return this.decay.score(this.products.get(productId)?.interest ?? 0, now);
  }

  /**
   * 0..1: each product's interest against the most wanted product's, as the board holds them now.
   * Decay scales every interest alike, so the shares stay the same as time passes and change only
   * when interests do: one reading (the same function) serves every ranking until then, and a
   * ranking may remember what it read by the reading.
   */
  popularityReading(): (productId: string) => number {
    if (this.reading === null) {
      const { products, largestInterest } = this;
      this.reading =
        largestInterest > 0
          ? (productId) => (products.get(productId)?.interest ?? 0) / largestInterest
          : () => 0;
    }
    return this.reading;
  }

  /** Refreshes every `refreshMs` until `stop()`, without keeping the process alive for it. */
  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      // A slow store must not pile refreshes up: the next tick comes soon enough.
      if (this.refreshesRunning > 0) return;
      this.refresh().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'reaction refresh failed; ranking with what was read before');
      });
    }, this.refreshMs);
    this.timer.unref();
  }

  /** Stops refreshing, and resolves when a refresh in progress has ended. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.pulling;
  }

  private async pull(): Promise<void> {
    const since = this.newestSeen === null ? null : new Date(this.newestSeen.getTime() - this.overlapMs);
    const applied = new Set<string>();
    this.appliedDuringRead = applied;
    let changed: StoredReaction[];
    try {
      changed = await this.store.changedSince(since);
    } finally {
      this.appliedDuringRead = null;
    }
    let newest = this.newestSeen;
    let oldestPassedOver: Date | null = null;
    for (const reaction of changed) {
      if (applied.has(reaction.productId)) {
        // The read may or may not hold what was applied meanwhile: keep the board's sums, which
        // are right either way for this instance's learning, and read the product again next time.
        if (oldestPassedOver === null || reaction.updatedAt < oldestPassedOver) {
          oldestPassedOver = reaction.updatedAt;
        }
        continue;
      }
      this.replace(reaction);
      if (newest === null || reaction.updatedAt > newest) newest = reaction.updatedAt;
    }
    this.newestSeen =
      oldestPassedOver !== null && (newest === null || oldestPassedOver < newest) ? oldestPassedOver : newest;
  }

  private replace(reaction: StoredReaction): void {
    const held = this.heldFor(reaction.productId);
    const replaced: HeldReaction['placements'] = {};
    for (const placement of placements) {
      const before = held.placements[placement];
      const after = reaction.placements[placement];
      if (before === undefined && after === undefined) continue;
      const total = this.totalFor(placement);
      total.shown += (after?.shown ?? 0) - (before?.shown ?? 0);
      total.clicked += (after?.clicked ?? 0) - (before?.clicked ?? 0);
      if (after !== undefined) replaced[placement] = { ...after };
    }
    held.placements = replaced;
    held.interest = reaction.interest;
    this.largestInterest = Math.max(this.largestInterest, held.interest);
    this.reading = null;
  }

  private heldFor(productId: string): HeldReaction {
    let held = this.products.get(productId);
    if (held === undefined) {
      held = { placements: {}, interest: 0 };
      this.products.set(productId, held);
    }
    return held;
  }

  private totalFor(placement: Placement): ReactionSums {
    let total = this.totals.get(placement);
    if (total === undefined) {
      total = { shown: 0, clicked: 0 };
      this.totals.set(placement, total);
    }
    return total;
  }
}
