/**
 * A uniform random source in [0, 1) that repeats its sequence for the same seed, so that tests and
 * evaluations of Thompson sampling can be replayed, or one visitor's pages ranked alike.
 *
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by a Weyl sequence and
 * scrambled by multiply–xorshift rounds. Unlike a plain linear congruential generator, neighbouring
 * seeds (visitor 41, visitor 42) give unrelated sequences from the first draw on. Good enough for
 * ranking and simulation, not for secrets.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be a whole number, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
