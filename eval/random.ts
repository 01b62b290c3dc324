/**
 * Seeded random numbers: the same seed gives the same population and journeys, so two runs (and
 * two systems) meet the same visitors. Each purpose gets its own stream from the seed and a label,
 * so drawing more for one visitor never shifts what another one does.
 */
export class Random {
  private state: number;

  constructor(seed: number, ...labels: (string | number)[]) {
    // FNV-1a over the seed and the labels, then mulberry32 (small, fast, good enough to simulate).
    let hash = 0x811c9dc5;
    for (const char of [seed, ...labels].join('\u0000')) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193);
    }
    this.state = hash >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A whole number from `min` to `max`, both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One item, each as likely as its weight; undefined when no item has a positive weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T | undefined {
    const weights = items.map((item) => Math.max(0, weight(item)));
    let remaining = this.next() * weights.reduce((sum, value) => sum + value, 0);
    for (const [index, item] of items.entries()) {
      remaining -= weights[index] as number;
      if (remaining < 0) return item;
    }
    return undefined;
  }

  /** `count` distinct items drawn by weight (fewer when fewer have a positive weight). */
  distinct<T>(items: readonly T[], count: number, weight: (item: T) => number): T[] {
    const chosen: T[] = [];
    let left = [...items];
    while (chosen.length < count) {
      const item = this.weighted(left, weight);
      if (item === undefined) break;
      chosen.push(item);
      left = left.filter((other) => other !== item);
    }
    return chosen;
  }
}
