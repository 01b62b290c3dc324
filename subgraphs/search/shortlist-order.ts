import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { appendReason, type Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { LiftOf } from '../../shared/reactions/placement-lift.js';
import type { ProductTable } from './product-table.js';
import type { TableScores } from './table-taste.js';

/** The shortlist of one search in ranking order, with what moved each product. */
export interface ShortlistOrder {
  /** Positions in `matching`: fit tier 2, 1, 0, each pins first, then by merchandised score. */
  order: number[];
  /** Score after lift and merchandising, by position. */
  final: ReadonlyMap<number, number>;
  liftReasons: ReadonlyMap<number, string>;
  pinReasons: ReadonlyMap<number, string[]>;
}

export interface ShortlistToOrder {
  table: ProductTable;
  matching: Int32Array;
  scores: TableScores;
  /** Merchandising factors by product index. */
  factors: Float64Array;
  /** Ascending positions in `matching`, as `shortlist` gives them. */
  positions: readonly number[];
}

/**
 * The order `personalHit` for each shortlisted match, sorting by score and id, lifting the first
 * `liftWindow`, and `Merchandiser.arrange` of each fit tier would give, worked out on the
 * numbers `scoreMatches` gave: a search shortlists the 200 that lift may reorder, and only the
 * page's few become hits with reasons.
 */
export function orderShortlist(
  { table, matching, scores, factors, positions }: ShortlistToOrder,
  lift: { of: LiftOf; window: number } | null,
  pins: ReturnType<Merchandiser['pinsFor']>,
): ShortlistOrder {
  const { score, fit } = scores;
  const idRank = (position: number) => table.idRank[matching[position] as number] as number;
  const productAt = (position: number) => table.products[matching[position] as number] as Product;
  // By score, ties by id, then as shortlisted (a stable sort of the hits by score and id).
  const byScore = [...positions].sort(
    (a, b) => (score[b] as number) - (score[a] as number) || idRank(a) - idRank(b) || a - b,
  );
  const lifted = new Map<number, number>();
  const liftReasons = new Map<number, string>();
  if (lift !== null) {
    // Drawn in score order: the visitor's seeded draws fall on the same products every time.
    for (const position of byScore.slice(0, lift.window)) {
      const drawn = lift.of(productAt(position).id);
      lifted.set(position, (score[position] as number) * drawn.lift);
      if (drawn.reason !== null) liftReasons.set(position, drawn.reason);
    }
  }
  const final = new Map<number, number>();
  const factorOf = (position: number) => factors[matching[position] as number] as number;
  const place = new Map<number, number>();
  byScore.forEach((position, index) => {
    place.set(position, index);
    final.set(position, (lifted.get(position) ?? (score[position] as number)) * factorOf(position));
  });
  const pinReasons = new Map<number, string[]>();
  const order: number[] = [];
  // What the visitor wears and looks for decides first: neither a boost nor a pin puts a product
  // on top that the visitor cannot buy in their size and colour.
  for (const tier of [2, 1, 0]) {
    // `arrange`: the weighed score, then the factor, then the order it was given.
    const members = byScore
      .filter((position) => fit[position] === tier)
      .sort(
        (a, b) =>
          (final.get(b) as number) - (final.get(a) as number) ||
          factorOf(b) - factorOf(a) ||
          (place.get(a) as number) - (place.get(b) as number),
      );
    const firstById = new Map<string, number>();
    if (pins.length > 0) {
      for (const position of members) {
        const id = normalizeAttribute(productAt(position).id);
        if (!firstById.has(id)) firstById.set(id, position);
      }
    }
    const pinned = new Set<number>();
    for (const pin of pins) {
      for (const id of pin.productIds) {
        const position = firstById.get(id);
        if (position === undefined) continue;
        const reasons = pinReasons.get(position) ?? [];
        appendReason(reasons, pin.reason);
        pinReasons.set(position, reasons);
        pinned.add(position);
      }
    }
    order.push(...pinned, ...members.filter((position) => !pinned.has(position)));
  }
  return { order, final, liftReasons, pinReasons };
}
