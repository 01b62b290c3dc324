import type { ProductTable } from './product-table.js';
import type { SearchSort } from './search-input.js';
import type { ReusedArrays } from './reused-arrays.js';
import { FirstPlaces } from './selection.js';
import type { TableScores } from './table-taste.js';

/** A search's matches with their scores, as `scoreMatches` gives them. */
export interface ScoredMatches {
  table: ProductTable;
  /** Product indexes, ascending. */
  matching: Int32Array;
  /** By position in `matching`. */
  scores: TableScores;
  /** What merchandising multiplies each product's score by, by product index. */
  factors: Float64Array;
}

export interface ShortlistOptions {
  sort: SearchSort;
  /** The places wanted: the page's end. */
  count: number;
  /** How many of the best by score click-through lift will rescore; 0 when it is not applied. */
  liftWindow: number;
  /** Product indexes pinned for this search: they go first in their fit tier whatever they score. */
  pinned: readonly number[];
}

function positionOf(matching: Int32Array, index: number): number {
  let low = 0;
  let high = matching.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = matching[middle] as number;
    if (found === index) return middle;
    if (found < index) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The positions in `matching` (ascending) of every match that can reach the first `count`
 * places, among as few others as the orders allow. Ranking puts each fit tier in merchandised
 * order (score times factor, then factor, then score, then id), pins first; a shopper's sort
 * orders by price or date, then merchandised score, then id. A match outside the shortlist has
 * at least `count` shortlisted matches before it in either order. Lift rescales the scores of
 * the best `liftWindow` by score at random, so those all go in, and the rest compete without them.
 */
export function shortlist(matches: ScoredMatches, options: ShortlistOptions, arrays: ReusedArrays): number[] {
  const { table, matching, factors } = matches;
  const { score, fit } = matches.scores;
  const size = matching.length;
  // Every match's id rank and merchandised score (as `arrange` multiplies it), by position.
  const rank = arrays.int32('rank', size);
  const factor = arrays.float64('factor', size);
  const merchandised = arrays.float64('merchandised', size);
  for (let position = 0; position < size; position += 1) {
    const index = matching[position] as number;
    rank[position] = table.idRank[index] as number;
    factor[position] = factors[index] as number;
    merchandised[position] = (score[position] as number) * (factor[position] as number);
  }
  const byScore = (a: number, b: number) =>
    (score[b] as number) - (score[a] as number) || (rank[a] as number) - (rank[b] as number) || a - b;
  const chosen = arrays.uint8('chosen', size).fill(0);

  if (options.sort === 'RELEVANCE') {
    if (options.liftWindow > 0) {
      const window = new FirstPlaces(options.liftWindow, byScore);
      for (let position = 0; position < size; position += 1) window.offer(position);
      for (const position of window.places()) chosen[position] = 1;
    }
    for (const index of options.pinned) {
      const position = positionOf(matching, index);
      if (position !== -1) chosen[position] = 1;
    }
    const byArrangement = (a: number, b: number) =>
      (merchandised[b] as number) - (merchandised[a] as number) ||
      (factor[b] as number) - (factor[a] as number) ||
      byScore(a, b);
    const tiers = [0, 1, 2].map(() => new FirstPlaces(options.count, byArrangement));
    for (let position = 0; position < size; position += 1) {
      if (chosen[position] === 1) continue;
      const places = tiers[fit[position] as number] as FirstPlaces;
      // Most matches score below the last place: one comparison of numbers turns them away.
      if (places.full && (merchandised[position] as number) < (merchandised[places.last] as number)) continue;
      places.offer(position);
    }
    for (const places of tiers) for (const position of places.places()) chosen[position] = 1;
  } else {
    const order = sortKey(options.sort, matching, table, arrays);
    // Ties in the whole key keep the order ranking made: every tie of the last place goes in.
    const byKey = (a: number, b: number) =>
      (order[a] as number) - (order[b] as number) ||
      (merchandised[b] as number) - (merchandised[a] as number) ||
      (rank[a] as number) - (rank[b] as number);
    const first = new FirstPlaces(options.count, (a, b) => byKey(a, b) || a - b);
    for (let position = 0; position < size; position += 1) {
      if (first.full && (order[position] as number) > (order[first.last] as number)) continue;
      first.offer(position);
    }
    if (first.places().length > 0) {
      const last = first.last;
      for (let position = 0; position < size; position += 1) {
        if ((order[position] as number) > (order[last] as number)) continue;
        if (byKey(position, last) <= 0) chosen[position] = 1;
      }
    }
  }
  const positions: number[] = [];
  for (let position = 0; position < size; position += 1) if (chosen[position] === 1) positions.push(position);
  return positions;
}

/** The shopper's order as one number per position, lowest first. */
function sortKey(
  sort: Exclude<SearchSort, 'RELEVANCE'>,
  matching: Int32Array,
  table: ProductTable,
  arrays: ReusedArrays,
): Float64Array {
  const [values, sign] = ((): [Float64Array, number] => {
    switch (sort) {
      case 'PRICE_ASC':
        return [table.price, 1];
      case 'PRICE_DESC':
        return [table.price, -1];
      case 'NEWEST':
        return [table.listedAt, -1];
      default: {
        const unreachable: never = sort;
        throw new Error(`unhandled sort ${String(unreachable)}`);
      }
    }
  })();
  const key = arrays.float64('sort key', matching.length);
  for (let position = 0; position < matching.length; position += 1)
    key[position] = sign * (values[matching[position] as number] as number);
  return key;
}
