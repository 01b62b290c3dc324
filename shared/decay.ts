/**
 * Time decay by "forward decay" (Cormode et al., 2009): an event of weight w at time t is stored
 * as w·2^((t−epoch)/halfLife), and a stored sum is read at time `now` as sum·2^(−(now−epoch)/halfLife).
 * Every update is then a plain `$inc`, commutative and atomic in MongoDB, so concurrent updates
 * never overwrite each other. Profile affinities and learned product pairs both decay this way.
 * The stored numbers grow by 2 each half-life: a double holds them for about 1,000 half-lives
 * (38 years at a 14-day half-life), far past any retention.
 */
export const decayEpoch = Date.UTC(2026, 0, 1);

export class ForwardDecay {
  constructor(private readonly halfLifeMs: number) {
    if (!(halfLifeMs > 0))
      throw new TypeError(`half-life must be a positive number of ms, got ${halfLifeMs}`);
  }

  /** What to add to the stored sum for an event of `weight` at `at`. */
  grow(weight: number, at: Date): number {
    return weight * 2 ** ((at.getTime() - decayEpoch) / this.halfLifeMs);
  }

  /** The decayed score, at `now`, of a stored sum. */
  score(stored: number, now: Date): number {
    return stored * 2 ** (-(now.getTime() - decayEpoch) / this.halfLifeMs);
  }
}
