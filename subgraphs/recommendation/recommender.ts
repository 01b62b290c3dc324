import { isAvailable, normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { fitsSizes, rankByTaste } from '../../shared/catalog/ranking.js';
import type { TasteScorer } from '../../shared/catalog/taste.js';
import type { Placement } from '../../shared/touchpoints.js';
import type { Wish } from './wish.js';

export type { Placement };

export interface Recommendation {
  product: Product;
  score: number;
  reasons: string[];
}

export interface RecommendationRequest {
  placement: Placement;
  /** The product on the page, already looked up. */
  anchor: Product | null;
  limit: number;
  scorer: TasteScorer;
  wish: Wish;
}

function round(score: number): number {
  return Math.round(score * 1_000) / 1_000;
}

/** The first wished colour the product can be had in, in a wished size. */
function inWishedColor(product: Product, wish: Wish): string | undefined {
  const sizes = wish.sizes.length === 0 ? [undefined] : wish.sizes;
  return wish.colors.find((color) => sizes.some((size) => isAvailable(product, { size, color })));
}

/** 0..1: how much a candidate is like the product on the page. */
function similarity(anchor: Product, candidate: Product): number {
  const anchorColors = new Set(anchor.colors.map(normalizeAttribute));
  const shared = candidate.colors.filter((color) => anchorColors.has(normalizeAttribute(color))).length;
  const colorOverlap = shared / new Set([...anchorColors, ...candidate.colors.map(normalizeAttribute)]).size;
  const priceCloseness =
    1 - Math.min(1, Math.abs(anchor.price - candidate.price) / Math.max(anchor.price, candidate.price));
  return (
    0.35 * (anchor.brand === candidate.brand ? 1 : 0) +
    0.25 * colorOverlap +
    0.25 * priceCloseness +
    0.15 * (anchor.gender === candidate.gender ? 1 : 0)
  );
}

function sizeReason(wish: Wish): string[] {
  return wish.sizes.length === 0 ? [] : [`In stock in your size ${wish.sizes.join('/')}`];
}

/**
 * Alternatives to the product on the page: same category, in stock in the wished size, the
 * wished colour first, then by likeness to the product and the visitor's taste.
 */
function alternatives(
  anchor: Product,
  request: RecommendationRequest,
  catalog: readonly Product[],
): Recommendation[] {
  const { wish, scorer } = request;
  const candidates = catalog.filter(
    (product) =>
      product.id !== anchor.id && product.category === anchor.category && fitsSizes(product, wish.sizes),
  );
  return candidates
    .map((product) => {
      const color = inWishedColor(product, wish);
      const taste = scorer.match(product, wish.sizes[0]);
      const score =
        0.5 * similarity(anchor, product) + 0.3 * (0.6 * taste.color + 0.4 * taste.brand) + (color ? 0.2 : 0);
      const reasons = [`Like ${anchor.title}: also ${anchor.category}`, ...sizeReason(wish)];
      if (color !== undefined) reasons.push(`In your colour ${color}`);
      if (product.brand === anchor.brand) reasons.push(`Same brand: ${product.brand}`);
      return { product, score: round(score), reasons, leadsWithColor: color !== undefined };
    })
    .sort(
      (a, b) =>
        Number(b.leadsWithColor) - Number(a.leadsWithColor) ||
        b.score - a.score ||
        a.product.id.localeCompare(b.product.id),
    )
    .slice(0, request.limit)
    .map(({ product, score, reasons }) => ({ product, score, reasons }));
}

/** Products by the visitor's taste, in stock in the wished size. */
function personalized(request: RecommendationRequest, catalog: readonly Product[]): Recommendation[] {
  const exclude = new Set(request.anchor === null ? [] : [request.anchor.id]);
  return rankByTaste(catalog, request.scorer, {
    sizes: request.wish.sizes,
    exclude,
    limit: request.limit,
  }).map(({ product, score, match }) => {
    const reasons = [...sizeReason(request.wish)];
    if (match.category > 0) reasons.push(`You like ${product.category}`);
    if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
    if (match.brand > 0) reasons.push(`From ${product.brand}, a brand you like`);
    if (reasons.length === 0) reasons.push('Widely available: a start while we learn your taste');
    return { product, score: round(score), reasons };
  });
}

export function recommend(request: RecommendationRequest, catalog: readonly Product[]): Recommendation[] {
  switch (request.placement) {
    case 'PRODUCT_DETAIL':
      if (request.anchor === null) throw new TypeError('PRODUCT_DETAIL needs the product on the page');
      return alternatives(request.anchor, request, catalog);
    // CART, SEARCH and NEWSLETTER get their own strategies with co-occurrence learning
    // (touchpoint issue); until then they share HOME's taste ranking, hard rules included.
    case 'HOME':
    case 'CART':
    case 'SEARCH':
    case 'NEWSLETTER':
      return personalized(request, catalog);
    default: {
      const unreachable: never = request.placement;
      throw new Error(`unhandled placement ${String(unreachable)}`);
    }
  }
}
