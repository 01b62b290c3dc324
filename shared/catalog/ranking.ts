import { isAvailable, type Product } from './product.js';
import type { TasteMatch, TasteScorer } from './taste.js';

export interface TasteRanked {
  product: Product;
  /** 0..1: how well the product meets the visitor's taste. */
  score: number;
  match: TasteMatch;
}

/** Weights of the taste dimensions; a category the visitor shops in says most. */
const weights = { category: 0.4, color: 0.3, brand: 0.3 };

/** 0..1: the taste dimensions of one match, weighed. */
export function tasteScore(match: Pick<TasteMatch, 'category' | 'color' | 'brand'>): number {
  return weights.category * match.category + weights.color * match.color + weights.brand * match.brand;
}

/** True when the product can be bought in one of `sizes` (any size when none is given). */
export function fitsSizes(product: Product, sizes: readonly string[]): boolean {
  return sizes.length === 0 ? isAvailable(product, {}) : sizes.some((size) => isAvailable(product, { size }));
}

/**
 * The products a visitor would like most, best first. Hard rule: in stock in one of `sizes` when
 * sizes are known. Ties go to the product available in more variants, which is the likelier to
 * still be there when the visitor comes.
 */
export function rankByTaste(
  products: readonly Product[],
  scorer: TasteScorer,
  options: { sizes: readonly string[]; exclude: ReadonlySet<string>; limit: number },
): TasteRanked[] {
  const ranked: TasteRanked[] = [];
  for (const product of products) {
    if (options.exclude.has(product.id) || !fitsSizes(product, options.sizes)) continue;
    const match = scorer.match(product, options.sizes[0]);
    ranked.push({ product, score: tasteScore(match), match });
  }
  const inStockVariants = (product: Product) =>
    product.variants.filter((variant) => variant.stock > 0).length;
  return ranked
    .sort(
      (a, b) =>
        b.score - a.score ||
        inStockVariants(b.product) - inStockVariants(a.product) ||
        a.product.id.localeCompare(b.product.id),
    )
    .slice(0, options.limit);
}

/**
 * Taste (0..1) times what is trending (0..1), each with a floor: taste alone decides for a
 * product nobody looked at yet, the trend alone for a visitor nothing is known of.
 */
export function tasteWithTrend(taste: number, trend: number): number {
  return (0.25 + 0.75 * taste) * (0.5 + 0.5 * trend);
}
