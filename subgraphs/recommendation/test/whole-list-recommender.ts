import { isAvailable, normalizeAttribute, type Product } from '../../../shared/catalog/product.js';
import { fitsSizes, tasteScore, tasteWithTrend } from '../../../shared/catalog/ranking.js';
import { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import { pairStrength } from '../learning/pairs.js';
import type { Recommendation, RecommendationRequest } from '../recommender.js';
import type { Wish } from '../wish.js';

/*
 * The recommender as it was before it ranked from a candidate table: every candidate scored with
 * its reasons, each tier sorted whole and arranged whole by the merchandiser. Kept as the plain
 * formulation that `recommend` must match item for item (recommender-equivalence.test.ts).
 */

/**
 * A strategy's candidates in tiers: a tier always comes before the next, whatever the scores,
 * because it answers what the visitor asked for more closely (the wished colour on a product
 * page, what was bought together in the cart). Learning and merchandising reorder within a tier.
 */
type Tiers = Recommendation[][];

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

/** The hard rules of every placement: in stock in the wished size, not bought, not on the page. */
function eligible(request: RecommendationRequest, catalog: readonly Product[]): Product[] {
  const bought = request.bought ?? new Set();
  return catalog.filter(
    (product) =>
      product.id !== request.anchor?.id && !bought.has(product.id) && fitsSizes(product, request.wish.sizes),
  );
}

/** How much "viewed together" counts against likeness and taste, once anything is learned. */
const viewedTogetherWeight = 0.6;

/**
 * Alternatives to the product on the page: same category, the wished colour first, then by what
 * other visitors viewed together with it, likeness to the product and the visitor's taste.
 */
function alternatives(anchor: Product, request: RecommendationRequest, candidates: Product[]): Tiers {
  const { wish, scorer, learned } = request;
  const sameCategory = candidates.filter((product) => product.category === anchor.category);
  // Without anything learned the scores stay as likeness and taste alone make them.
  const learnedWeight = sameCategory.some((product) => learned.viewed.has(product.id))
    ? viewedTogetherWeight
    : 0;
  const inColor: Recommendation[] = [];
  const others: Recommendation[] = [];
  for (const product of sameCategory) {
    const color = inWishedColor(product, wish);
    const taste = scorer.match(product, wish.sizes[0]);
    const likeness = 0.6 * similarity(anchor, product) + 0.4 * (0.6 * taste.color + 0.4 * taste.brand);
    const viewedTogether = pairStrength(learned.viewed.get(product.id) ?? 0);
    const score = (1 - learnedWeight) * likeness + learnedWeight * viewedTogether;
    const reasons = viewedTogether > 0 ? [`Often viewed together with ${anchor.title}`] : [];
    reasons.push(`Like ${anchor.title}: also ${anchor.category}`, ...sizeReason(wish));
    if (color !== undefined) reasons.push(`In your colour ${color}`);
    if (product.brand === anchor.brand) reasons.push(`Same brand: ${product.brand}`);
    (color === undefined ? others : inColor).push({ product, score, reasons });
  }
  return [inColor, others];
}

/**
 * Complements of a product in the cart: what visitors bought together with it, strongest pair
 * first; the visitor's taste (and what is trending) fills the list up in a tier below.
 */
function complements(anchor: Product, request: RecommendationRequest, candidates: Product[]): Tiers {
  const { wish, scorer, learned } = request;
  const boughtTogether = candidates.filter((product) => learned.bought.has(product.id));
  const found = boughtTogether.map((product) => {
    const taste = scorer.match(product, wish.sizes[0]);
    const strength = pairStrength(learned.bought.get(product.id) ?? 0);
    const reasons = [`Often bought together with ${anchor.title}`, ...sizeReason(wish)];
    if (taste.bestColor !== undefined) reasons.push(`In your colour ${taste.bestColor}`);
    return { product, score: 0.5 + 0.5 * (0.8 * strength + 0.2 * tasteScore(taste)), reasons };
  });
  if (found.length === 0) return [byTaste(request, candidates)];
  const chosen = new Set(found.map(({ product }) => product.id));
  const fill = byTaste(
    request,
    candidates.filter((product) => !chosen.has(product.id)),
  ).map((recommendation) => ({ ...recommendation, score: 0.5 * recommendation.score }));
  return [found, fill];
}

/** Below this the trend is noise, not worth a reason. */
const trendingReasonAt = 0.5;

/**
 * The visitor's taste times what is trending (HOME): a cold start still gets the shop's
 * favourites, each in stock.
 */
function byTaste(request: RecommendationRequest, candidates: readonly Product[]): Recommendation[] {
  const popularity = request.popularity ?? (() => 0);
  // The candidates already fit the wished size (`eligible`), and `finish` decides the order.
  return candidates.map((product) => {
    const match = request.scorer.match(product, request.wish.sizes[0]);
    const trend = popularity(product.id);
    const reasons = [...sizeReason(request.wish)];
    if (match.category > 0) reasons.push(`You like ${product.category}`);
    if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
    if (match.brand > 0) reasons.push(`From ${product.brand}, a brand you like`);
    if (trend >= trendingReasonAt) reasons.push('Popular right now');
    if (reasons.length === 0) reasons.push('Widely available: a start while we learn your taste');
    return { product, score: tasteWithTrend(tasteScore(match), trend), reasons };
  });
}

/**
 * When a search found nothing (SEARCH): products close to what the visitor searched for — its
 * categories and brands, the wished colour — in the wished size, then by taste and trend.
 */
function searchRescue(request: RecommendationRequest, candidates: Product[]): Tiers {
  const intent = request.searchIntent;
  if (intent == null) return [byTaste(request, candidates)];
  const categories = new Set(intent.categories.map(normalizeAttribute));
  const brands = new Set(intent.brands.map(normalizeAttribute));
  const words = (intent.query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length >= 3);
  const close = byTaste(request, candidates).map((recommendation) => {
    const { product } = recommendation;
    const text = `${product.title} ${product.category} ${product.categoryPath.join(' ')}`.toLowerCase();
    const inCategory = categories.has(normalizeAttribute(product.category));
    const ofBrand = brands.has(normalizeAttribute(product.brand));
    const sharesWord = words.some((word) => text.includes(word.slice(0, Math.max(3, word.length - 2))));
    const color = inWishedColor(product, request.wish);
    const closeness =
      0.45 * Number(inCategory) +
      0.25 * Number(sharesWord) +
      0.15 * Number(ofBrand) +
      0.15 * Number(color !== undefined);
    const reasons = [...recommendation.reasons];
    if (closeness > 0) {
      reasons.unshift(
        intent.query === null
          ? 'Close to your last search'
          : `Close to your search "${intent.query.slice(0, 64)}"`,
      );
    }
    return { product, score: 0.6 * closeness + 0.4 * recommendation.score, reasons };
  });
  return [close];
}

/** How long a product counts as new in a newsletter. */
const newForMs = 14 * 86_400_000;

/** NEWSLETTER: the visitor's taste and the trend, with products new in the shop lifted. */
function newsletterPicks(request: RecommendationRequest, candidates: Product[], now: Date): Tiers {
  return [
    byTaste(request, candidates).map((recommendation) => {
      const listedAt = recommendation.product.listedAt;
      const isNew = listedAt !== undefined && now.getTime() - listedAt.getTime() <= newForMs;
      return isNew
        ? {
            ...recommendation,
            score: recommendation.score * 1.2,
            reasons: [...recommendation.reasons, 'New in the shop'],
          }
        : recommendation;
    }),
  ];
}

function strategy(request: RecommendationRequest, candidates: Product[], now: Date): Tiers {
  switch (request.placement) {
    case 'PRODUCT_DETAIL':
      if (request.anchor === null) throw new TypeError('PRODUCT_DETAIL needs the product on the page');
      return alternatives(request.anchor, request, candidates);
    case 'CART':
      // Without the product in the cart there is nothing to complement: the taste ranking.
      return request.anchor === null
        ? [byTaste(request, candidates)]
        : complements(request.anchor, request, candidates);
    case 'HOME':
      return [byTaste(request, candidates)];
    case 'SEARCH':
      return searchRescue(request, candidates);
    case 'NEWSLETTER':
      return newsletterPicks(request, candidates, now);
    default: {
      const unreachable: never = request.placement;
      throw new Error(`unhandled placement ${String(unreachable)}`);
    }
  }
}

/** Candidates the learned click-through may reorder: the head of each tier. */
const explorationWindow = 100;

/**
 * What visitors did with this placement's lists, then the shop's rules, reorder each tier;
 * the tiers are then read in order until the list is full.
 */
function finish(tiers: Tiers, request: RecommendationRequest): Recommendation[] {
  const merchandiser = request.merchandiser ?? Merchandiser.none();
  const list: Recommendation[] = [];
  for (const tier of tiers) {
    if (list.length >= request.limit) break;
    const ranked = [...tier].sort((a, b) => b.score - a.score || a.product.id.localeCompare(b.product.id));
    if (request.lift != null) {
      for (const recommendation of ranked.slice(0, explorationWindow)) {
        const { lift, reason } = request.lift(recommendation.product.id);
        recommendation.score *= lift;
        if (reason !== null) recommendation.reasons.push(reason);
      }
    }
    list.push(
      ...merchandiser.arrange(ranked, { placement: request.placement }).slice(0, request.limit - list.length),
    );
  }
  return list.map((recommendation) => ({ ...recommendation, score: round(recommendation.score) }));
}

export function recommendFromWholeList(
  request: RecommendationRequest,
  catalog: readonly Product[],
  now: Date = new Date(),
): Recommendation[] {
  return finish(strategy(request, eligible(request, catalog), now), request);
}
