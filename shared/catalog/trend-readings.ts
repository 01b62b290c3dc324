/** What is trending, as `PlacementSignals.popularity` reads it: 0..1 per product id. */
export type Popularity = (productId: string) => number;

/**
 * What is trending for each product of one catalog, by its place in the catalog, kept per reading
 * and filled as products are asked about. A reading stays the same function until the learned
 * interests change (see `ReactionBoard.popularityReading`), so every ranking until then asks the
 * board about each product once at most; a reading no longer used is forgotten with it.
 */
export class TrendReadings {
  readonly #byReading = new WeakMap<Popularity, Float64Array>();

  constructor(private readonly productIds: readonly string[]) {}

  /** The trend of the product at each place of the catalog, in `popularity`'s reading. */
  of(popularity: Popularity): (place: number) => number {
    let known = this.#byReading.get(popularity);
    if (known === undefined) {
      known = new Float64Array(this.productIds.length).fill(Number.NaN);
      this.#byReading.set(popularity, known);
    }
    const memo = known;
    return (place) => {
      let trend = memo[place] as number;
      if (Number.isNaN(trend)) {
        trend = popularity(this.productIds[place] as string);
        memo[place] = trend;
      }
      return trend;
    };
  }
}
