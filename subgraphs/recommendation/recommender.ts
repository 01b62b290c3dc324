import { isAvailable, normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { fitsSizes, rankByTaste } from '../../shared/catalog/ranking.js';
import type { TasteScorer } from '../../shared/catalog/taste.js';
import type { Placement } from '../../shared/touchpoints.js';
import { type LearnedPairs, pairStrength } from './learning/pairs.js';
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
  /** What visitors did with the product on the page: viewed or bought it together with others. */
  learned: LearnedPairs;
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

/** How much "viewed together" counts against likeness and taste, once anything is learned. */
const viewedTogetherWeight = 0.6;

/**
 * Alternatives to the product on the page: same category, in stock in the wished size, the
 * wished colour first, then by what other visitors viewed together with it, likeness to the
 * product and the visitor's taste.
 */
function alternatives(
  anchor: Product,
  request: RecommendationRequest,
  catalog: readonly Product[],
): Recommendation[] {
  const { wish, scorer, learned } = request;
  const candidates = catalog.filter(
    (product) =>
      product.id !== anchor.id && product.category === anchor.category && fitsSizes(product, wish.sizes),
  );
  // Without anything learned the scores stay as likeness and taste alone make them.
  const learnedWeight = candidates.some((product) => learned.viewed.has(product.id))
    ? viewedTogetherWeight
    : 0;
  return candidates
    .map((product) => {
      const color = inWishedColor(product, wish);
      const taste = scorer.match(product, wish.sizes[0]);
      const likeness =
        0.5 * similarity(anchor, product) + 0.3 * (0.6 * taste.color + 0.4 * taste.brand) + (color ? 0.2 : 0);
      const viewedTogether = pairStrength(learned.viewed.get(product.id) ?? 0);
      const score = (1 - learnedWeight) * likeness + learnedWeight * viewedTogether;
      const reasons = viewedTogether > 0 ? [`Often viewed together with ${anchor.title}`] : [];
      reasons.push(`Like ${anchor.title}: also ${anchor.category}`, ...sizeReason(wish));
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

/**
 * Complements of a product in the cart: what visitors bought together with it, in stock in the
 * wished size, strongest pair first; the visitor's taste fills the list up. Complements score
 * above 0.5 and the products that fill up below, so that the list reads best first.
 */
function complements(
  anchor: Product,
  request: RecommendationRequest,
  catalog: readonly Product[],
): Recommendation[] {
  const { wish, scorer, learned, limit } = request;
  const boughtTogether = catalog.filter((product) => learned.bought.has(product.id));
  const found = rankByTaste(boughtTogether, scorer, {
    sizes: wish.sizes,
    exclude: new Set([anchor.id]),
    limit: boughtTogether.length,
  })
    .map(({ product, score: taste, match }) => {
      const strength = pairStrength(learned.bought.get(product.id) ?? 0);
      const reasons = [`Often bought together with ${anchor.title}`, ...sizeReason(wish)];
      if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
      return { product, score: round(0.5 + 0.5 * (0.8 * strength + 0.2 * taste)), reasons };
    })
    .sort((a, b) => b.score - a.score || a.product.id.localeCompare(b.product.id))
    .slice(0, limit);
  if (found.length === 0) return personalized(request, catalog);
  const fill = personalized(
    { ...request, limit: limit - found.length },
    catalog,
    new Set(found.map(({ product }) => product.id)),
  );
  return [
    ...found,
    ...fill.map((recommendation) => ({ ...recommendation, score: round(0.5 * recommendation.score) })),
  ];
}

/** Products by the visitor's taste, in stock in the wished size. */
function personalized(
  request: RecommendationRequest,
  catalog: readonly Product[],
  chosen: ReadonlySet<string> = new Set(),
): Recommendation[] {
  const exclude = new Set(request.anchor === null ? chosen : [...chosen, request.anchor.id]);
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
    case 'CART':
      // Without the product in the cart there is nothing to complement: the taste ranking.
      return request.anchor === null
        ? personalized(request, catalog)
        : complements(request.anchor, request, catalog);
    // SEARCH and NEWSLETTER get their own strategies (touchpoint issue); until then they share
    // HOME's taste ranking, hard rules included.
    case 'HOME':
    case 'SEARCH':
    case 'NEWSLETTER':
      return personalized(request, catalog);
    default: {
      const unreachable: never = request.placement;
      throw new Error(`unhandled placement ${String(unreachable)}`);
    }
  }
}
