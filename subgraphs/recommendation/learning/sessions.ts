import type { PairKind } from './pairs.js';

interface Touch {
  productId: string;
  /** ms since the epoch */
  at: number;
}

type VisitorMemory = Record<PairKind, Touch[]>;

export interface RecentActivityOptions {
  /** Products touched this long apart are not in one session. */
  windowMs?: number;
  /** Visitors remembered at once; the least recently active is forgotten first. */
  maxVisitors?: number;
  /** Products remembered per visitor and kind: the most recent ones. */
  maxProductsPerKind?: number;
}

/**
 * What each visitor viewed and put in the cart in the last minutes, in memory and bounded: the
 * learner asks it which products a new view or cart item pairs with.
 */
export class RecentActivity {
  private readonly windowMs: number;
  private readonly maxVisitors: number;
  private readonly maxProductsPerKind: number;
  /** In order of activity, least recent first (a Map iterates in insertion order). */
  private readonly visitors = new Map<string, VisitorMemory>();

  constructor({
    windowMs = 30 * 60_000, // 30 minutes
    maxVisitors = 50_000,
    maxProductsPerKind = 10,
  }: RecentActivityOptions = {}) {
    this.windowMs = windowMs;
    this.maxVisitors = maxVisitors;
    this.maxProductsPerKind = maxProductsPerKind;
  }

  /** Visitors remembered now. */
  get size(): number {
    return this.visitors.size;
  }

  /**
   * Remembers that the visitor viewed (or put in the cart) `productId` at `at`, and returns the
   * products that this forms a new pair with: those of the same kind within the window. A
   * product touched again within the window forms none: its pairs were counted the first time,
   * so going back and forth between two products counts once.
   */
  record(visitorId: string, kind: PairKind, productId: string, at: Date): string[] {
    const time = at.getTime();
    const memory = this.touch(visitorId);
    const inWindow = memory[kind].filter((entry) => Math.abs(time - entry.at) <= this.windowMs);
    const again = inWindow.find((entry) => entry.productId === productId);
    const partners = again === undefined ? inWindow.map((entry) => entry.productId) : [];

    const others = memory[kind].filter((entry) => entry.productId !== productId);
    const touched = { productId, at: Math.max(time, again?.at ?? time) };
    const latest = Math.max(time, ...others.map((entry) => entry.at));
    // An event that arrives late (a client sending its buffer) pairs within its own window but
    // does not push newer products out.
    memory[kind] = [...others, touched]
      .filter((entry) => latest - entry.at <= this.windowMs)
      .sort((a, b) => a.at - b.at)
      .slice(-this.maxProductsPerKind);
    return partners;
  }

  /** The visitor's memory, marked as the most recently active; the least active goes if full. */
  /** Drops all that is remembered of the visitor (they asked to be forgotten). */
  forget(visitorId: string): void {
    this.visitors.delete(visitorId);
  }

  remembers(visitorId: string): boolean {
    return this.visitors.has(visitorId);
  }

  private touch(visitorId: string): VisitorMemory {
    const memory = this.visitors.get(visitorId) ?? { viewed: [], bought: [] };
    this.visitors.delete(visitorId);
    this.visitors.set(visitorId, memory);
    if (this.visitors.size > this.maxVisitors) {
      const leastActive = this.visitors.keys().next().value;
      if (leastActive !== undefined) this.visitors.delete(leastActive);
    }
    return memory;
  }
}
