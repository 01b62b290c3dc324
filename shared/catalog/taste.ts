import { matchingVariants, normalizeAttribute, type Product } from './product.js';

/** One learned preference, as the profile subgraph publishes it on `Visitor.preferences`. */
export interface Affinity {
  value: string;
  score: number;
}

/** A visitor's preferences as read with `@requires`: every list highest score first. */
export interface Taste {
  sizes: Affinity[];
  colors: Affinity[];
  brands: Affinity[];
  categories: Affinity[];
}

export const noTaste: Taste = { sizes: [], colors: [], brands: [], categories: [] };

/** The value the visitor prefers most in a dimension, if the profile knows one. */
export function topValue(affinities: readonly Affinity[]): string | undefined {
  return affinities[0]?.value;
}

/** Each affinity as a share of the strongest in its dimension, by normalized value. */
function relativeScores(affinities: readonly Affinity[]): Map<string, number> {
  const strongest = affinities[0]?.score ?? 0;
  const shares = new Map<string, number>();
  if (strongest <= 0) return shares;
  for (const { value, score } of affinities) shares.set(normalizeAttribute(value), score / strongest);
  return shares;
}

export interface TasteMatch {
  brand: number;
  category: number;
  color: number;
  /** The colour that earned `color`, in the catalog's spelling. */
  bestColor: string | undefined;
}

/**
 * How well products meet one visitor's taste, each dimension from 0 (no affinity) to 1 (the
 * visitor's favourite). Built once per request, then asked for many products.
 */
export class TasteScorer {
  private readonly brands: Map<string, number>;
  private readonly categories: Map<string, number>;
  private readonly colors: Map<string, number>;

  constructor(readonly taste: Taste) {
    this.brands = relativeScores(taste.brands);
    this.categories = relativeScores(taste.categories);
    this.colors = relativeScores(taste.colors);
  }

  /** Only colours the visitor could buy count: in stock, and in `size` when given. */
  match(product: Product, size?: string): TasteMatch {
    let color = 0;
    let bestColor: string | undefined;
    for (const variant of matchingVariants(product, { size })) {
      const share = this.colorShare(normalizeAttribute(variant.color));
      if (share > color) {
        color = share;
        bestColor = variant.color;
      }
    }
    return {
      brand: this.brandShare(normalizeAttribute(product.brand)),
      category: this.categoryShare(normalizeAttribute(product.category)),
      color,
      bestColor,
    };
  }

  // The shares by normalized value, for callers that normalize a catalog once and then score it
  // for many visitors (a newsletter's recipients).
  brandShare(normalizedBrand: string): number {
    return this.brands.get(normalizedBrand) ?? 0;
  }

  categoryShare(normalizedCategory: string): number {
    return this.categories.get(normalizedCategory) ?? 0;
  }

  colorShare(normalizedColor: string): number {
    return this.colors.get(normalizedColor) ?? 0;
  }
}
