import { normalizeAttribute, type Product } from '../catalog/product.js';
import { type Placement, placements } from '../touchpoints.js';
import { compileCondition, type ProductTest } from './condition.js';
import { normalizeQuery } from './query.js';
import type { MerchandisingRules, PinRule, WeightingRule } from './rules.js';

/** What every touchpoint ranks: search hits, recommendations, newsletter products. */
export interface RankedProduct {
  product: Product;
  /** Higher is better; the merchandiser assumes scores of 0 or more. */
  score: number;
  /** Why the item is where it is, shown to the visitor or the shop's staff. */
  reasons: string[];
}

export interface ArrangeContext {
  placement: Placement;
  /** The visitor's search text; only pins in SEARCH look at it. */
  query?: string | null;
}

interface Weighting {
  id: string;
  factor: number;
  reason: string;
  placements: ReadonlySet<Placement>;
  matches: ProductTest;
  /** Lifts every own-brand product and nothing else. */
  ownBrandOnly: boolean;
}

interface Pin {
  id: string;
  reason: string;
  placements: ReadonlySet<Placement>;
  /** Normalized, in the rule's order. */
  productIds: string[];
  /** Normalized; null: every search. */
  queries: string[] | null;
}

function placementSet(listed: readonly Placement[] | undefined): ReadonlySet<Placement> {
  return new Set(listed ?? placements);
}

function compileWeighting(rule: WeightingRule): Weighting {
  const conditions = Object.entries(rule.when).filter(([, value]) => value !== undefined);
  return {
    id: rule.id,
    factor: rule.factor,
    reason: rule.reason,
    placements: placementSet(rule.placements),
    matches: compileCondition(rule.when),
    ownBrandOnly: rule.action === 'boost' && conditions.length === 1 && rule.when.ownBrand === true,
  };
}

function compilePin(rule: PinRule): Pin {
  return {
    id: rule.id,
    reason: rule.reason,
    placements: placementSet(rule.placements),
    productIds: rule.productIds.map(normalizeAttribute),
    queries: rule.queries?.map(normalizeQuery) ?? null,
  };
}

export function appendReason(reasons: string[], reason: string): void {
  if (!reasons.includes(reason)) reasons.push(reason);
}

/**
 * The shop's own strategy, applied the same way at every touchpoint: boosts and buries weigh
 * scores, pins put chosen products first. Every rule that moves an item leaves its reason there.
 */
export class Merchandiser {
  readonly #weightings: Weighting[];
  readonly #pins: Pin[];

  constructor(rules: MerchandisingRules) {
    this.#weightings = [];
    this.#pins = [];
    for (const rule of rules.rules) {
      if (rule.action === 'pin') this.#pins.push(compilePin(rule));
      else this.#weightings.push(compileWeighting(rule));
    }
  }

  /** No rules: items come back in score order, unchanged otherwise. */
  static none(): Merchandiser {
    return new Merchandiser({ rules: [] });
  }

  /**
   * The items best first, as new objects (the input is left as it is). Boosts and buries
   * multiply scores; then products pinned for this context move to the top in the pin's order.
   * A pinned product that is not among the items stays out: the caller's hard rules (in stock
   * in the visitor's size, not yet bought) removed it for a reason.
   */
  arrange<T extends RankedProduct>(items: readonly T[], context: ArrangeContext): T[] {
    const entries = items.map((item, position) => {
      const reasons = [...item.reasons];
      const weight = this.weigh(item.product, context.placement);
      for (const reason of weight.reasons) appendReason(reasons, reason);
      return {
        item: { ...item, score: item.score * weight.factor, reasons },
        factor: weight.factor,
        position,
      };
    });
    // A visitor without history scores 0 everywhere, and 0 times any factor is still 0: the
    // factor itself breaks such ties, so own brands come first for new visitors too. Remaining
    // ties keep the caller's order, which carries the caller's own tie-break.
    entries.sort((a, b) => b.item.score - a.item.score || b.factor - a.factor || a.position - b.position);

    const byId = new Map<string, (typeof entries)[number]>();
    for (const entry of entries) {
      const id = normalizeAttribute(entry.item.product.id);
      if (!byId.has(id)) byId.set(id, entry);
    }
    const pinned = new Set<(typeof entries)[number]>();
    for (const pin of this.pinsFor(context)) {
      for (const id of pin.productIds) {
        const entry = byId.get(id);
        if (entry === undefined) continue;
        appendReason(entry.item.reasons, pin.reason);
        pinned.add(entry);
      }
    }
    return [...pinned, ...entries.filter((entry) => !pinned.has(entry))].map((entry) => entry.item);
  }

  /**
   * What the boosts and buries at `placement` multiply the product's score by, and their reasons
   * in file order: `arrange`'s weighing of one product, for callers that rank without it.
   */
  weigh(product: Product, placement: Placement): { factor: number; reasons: string[] } {
    let factor = 1;
    const reasons: string[] = [];
    for (const rule of this.#weightings) {
      if (!rule.placements.has(placement) || !rule.matches(product)) continue;
      factor *= rule.factor;
      appendReason(reasons, rule.reason);
    }
    return { factor, reasons };
  }

  /** The ids of the rules that act on this product in this context, in file order within each kind. */
  ruleIdsFor(product: Product, context: ArrangeContext): string[] {
    const id = normalizeAttribute(product.id);
    return [
      ...this.#weightings
        .filter((rule) => rule.placements.has(context.placement) && rule.matches(product))
        .map((rule) => rule.id),
      ...this.pinsFor(context)
        .filter((pin) => pin.productIds.includes(id))
        .map((pin) => pin.id),
    ];
  }

  /** Placements where a boost lifts every own-brand product (a rule whose only condition is `ownBrand: true`). */
  ownBrandPlacements(): Placement[] {
    return placements.filter((placement) =>
      this.#weightings.some((rule) => rule.ownBrandOnly && rule.placements.has(placement)),
    );
  }

  /** The pins that act in this context, in file order; their product ids are normalized. */
  pinsFor(context: ArrangeContext): readonly Pick<Pin, 'id' | 'reason' | 'productIds'>[] {
    const query = normalizeQuery(context.query ?? '');
    return this.#pins.filter(
      (pin) =>
        pin.placements.has(context.placement) &&
        (pin.queries === null ||
          context.placement !== 'SEARCH' ||
          // "laufhosen damen" contains "laufhose": a pin covers the longer searches too.
          pin.queries.some((wanted) => query.includes(wanted))),
    );
  }
}
