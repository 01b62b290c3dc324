import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { tasteScore, tasteWithTrend } from '../../shared/catalog/ranking.js';
import type { TasteScorer } from '../../shared/catalog/taste.js';
import { appendReason, Merchandiser } from '../../shared/merchandising/merchandiser.js';
import { firstPlaces } from '../../shared/ranking/best-first.js';
import type { LiftOf } from '../../shared/reactions/placement-lift.js';
import type { Placement } from '../../shared/touchpoints.js';
import {
  anySize,
  type Candidate,
  CandidateTable,
  type LikenessColumns,
  likedColorShare,
  type StockedColors,
  stocksColor,
  tasteMatch,
  type TasteShares,
} from './candidate-table.js';
import { type LearnedPairs, pairStrength } from './learning/pairs.js';
import type { Wish } from './wish.js';

export type { Placement };

export interface Recommendation {
  product: Product;
  score: number;
  reasons: string[];
}

/** The visitor's last search, as the profile keeps it: what a SEARCH placement rescues. */
export interface SearchIntent {
  query: string | null;
  categories: string[];
  brands: string[];
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
  /** Products the visitor bought: never recommended again. */
  bought?: ReadonlySet<string>;
  /** The visitor's last search, for the SEARCH placement. */
  searchIntent?: SearchIntent | null;
  /** 0..1: how much interest the product drew lately from all visitors (trending). */
  popularity?: (productId: string) => number;
  /** Click-through lift learned at this placement; null while nothing is learned there. */
  lift?: LiftOf | null;
  merchandiser?: Merchandiser;
}

/** One request as the strategies read it: the wish and the taste as numbers of the table's values. */
interface Ranking {
  request: RecommendationRequest;
  table: CandidateTable;
  sizes: readonly number[];
  colors: readonly number[];
  /** The size taste is measured in: the first wished one. */
  size: number | undefined;
  /** The colours each candidate can be had in: in each wished size (or in any). */
  colorsInWishedSizes: readonly StockedColors[];
  /** The same in the size taste is measured in. */
  colorsInTasteSize: StockedColors;
  shares: TasteShares;
  /** 0..1: what is trending, by catalog place. */
  trend: (place: number) => number;
}

/**
 * A strategy's candidates in tiers: a tier always comes before the next, whatever the scores,
 * because it answers what the visitor asked for more closely (the wished colour on a product
 * page, what was bought together in the cart). Learning and merchandising reorder within a tier.
 *
 * A tier holds its candidates' scores by position; reasons are worked out only for the few that
 * make the list, since a tier can hold the whole catalog.
 */
interface Tier {
  members: readonly Candidate[];
  scores: Float64Array;
  reasonsOf(position: number): string[];
}

function round(score: number): number {
  return Math.round(score * 1_000) / 1_000;
}

/** The first wished colour (as wished) the product can be had in, in a wished size. */
function inWishedColor(candidate: Candidate, ranking: Ranking): string | undefined {
  const { colors, colorsInWishedSizes } = ranking;
  for (let wished = 0; wished < colors.length; wished += 1) {
    for (const colorsInSize of colorsInWishedSizes) {
      if (stocksColor(colorsInSize, candidate.index, colors[wished] as number)) {
        return ranking.request.wish.colors[wished];
      }
    }
  }
  return undefined;
}

/** The product on the page as `similarity` compares candidates with it, in the table's numbers. */
interface AnchorLikeness {
  columns: LikenessColumns;
  price: number;
  brand: number;
  gender: number;
  /** Its colours as flags by number. */
  colorFlags: Uint8Array;
  /** Its distinct colours, the table's or not. */
  colorCount: number;
}

/**
 * 0..1: how much the candidate at `place` is like the product on the page. Read from the table's
 * columns: a product page compares every product of its category, and each candidate's own
 * objects lie elsewhere in the heap.
 */
function similarity(anchor: AnchorLikeness, place: number): number {
  const { colors, distinctColors, price, brand, gender } = anchor.columns;
  const flags = anchor.colorFlags;
  let shared = 0;
  const colorsEnd = colors.from[place + 1] as number;
  for (let at = colors.from[place] as number; at < colorsEnd; at += 1)
    shared += flags[colors.colors[at] as number] as number;
  let union = anchor.colorCount;
  const distinctEnd = distinctColors.from[place + 1] as number;
  for (let at = distinctColors.from[place] as number; at < distinctEnd; at += 1)
    union += 1 - (flags[distinctColors.colors[at] as number] as number);
  const colorOverlap = shared / union;
  const candidatePrice = price[place] as number;
  const priceCloseness =
    1 - Math.min(1, Math.abs(anchor.price - candidatePrice) / Math.max(anchor.price, candidatePrice));
  return (
    0.35 * (anchor.brand === brand[place] ? 1 : 0) +
    0.25 * colorOverlap +
    0.25 * priceCloseness +
    0.15 * (anchor.gender === gender[place] ? 1 : 0)
  );
}

function sizeReason(wish: Wish): string[] {
  return wish.sizes.length === 0 ? [] : [`In stock in your size ${wish.sizes.join('/')}`];
}

/** The hard rules of every placement: in stock in the wished size, not bought, not on the page. */
function eligible(ranking: Ranking, category?: string): readonly Candidate[] {
  const { anchor, bought } = ranking.request;
  const fitting = ranking.table.fitting(ranking.sizes, category);
  if (anchor === null && (bought === undefined || bought.size === 0)) return fitting;
  return fitting.filter(
    ({ product }) => product.id !== anchor?.id && (bought === undefined || !bought.has(product.id)),
  );
}

/** How much "viewed together" counts against likeness and taste, once anything is learned. */
const viewedTogetherWeight = 0.6;

/**
 * Alternatives to the product on the page: same category, the wished colour first, then by what
 * other visitors viewed together with it, likeness to the product and the visitor's taste.
 */
function alternatives(anchor: Product, ranking: Ranking, sameCategory: readonly Candidate[]): Tier[] {
  const { wish, learned } = ranking.request;
  // Without anything learned the scores stay as likeness and taste alone make them.
  const learnedWeight =
    learned.viewed.size > 0 && sameCategory.some(({ product }) => learned.viewed.has(product.id))
      ? viewedTogetherWeight
      : 0;
  const anchorColors = new Set(anchor.colors.map(normalizeAttribute));
  const columns = ranking.table.likeness;
  const page: AnchorLikeness = {
    columns,
    price: anchor.price,
    brand: columns.brandNumber(anchor.brand),
    gender: columns.genderNumber(anchor.gender),
    colorFlags: ranking.table.colorMask(anchorColors),
    colorCount: anchorColors.size,
  };
  const { shares } = ranking;
  const inColor = { members: [] as Candidate[], scores: [] as number[], colors: [] as string[] };
  const others = { members: [] as Candidate[], scores: [] as number[] };
  for (const candidate of sameCategory) {
    const color = inWishedColor(candidate, ranking);
    const tasteColor = likedColorShare(ranking.colorsInTasteSize, candidate.index, shares);
    const tasteBrand = shares.brands[candidate.brandNumber] as number;
    const likeness = 0.6 * similarity(page, candidate.index) + 0.4 * (0.6 * tasteColor + 0.4 * tasteBrand);
    const viewedTogether =
      learnedWeight === 0 ? 0 : pairStrength(learned.viewed.get(candidate.product.id) ?? 0);
    const score = (1 - learnedWeight) * likeness + learnedWeight * viewedTogether;
    const tier = color === undefined ? others : inColor;
    tier.members.push(candidate);
    tier.scores.push(score);
    if (color !== undefined) inColor.colors.push(color);
  }
  const reasons = (candidate: Candidate, color: string | undefined) => {
    const { product } = candidate;
    const viewedTogether = pairStrength(learned.viewed.get(product.id) ?? 0);
    const found = viewedTogether > 0 ? [`Often viewed together with ${anchor.title}`] : [];
    found.push(`Like ${anchor.title}: also ${anchor.category}`, ...sizeReason(wish));
    if (color !== undefined) found.push(`In your colour ${color}`);
    if (product.brand === anchor.brand) found.push(`Same brand: ${product.brand}`);
    return found;
  };
  return [
    {
      members: inColor.members,
      scores: Float64Array.from(inColor.scores),
      reasonsOf: (position) => reasons(inColor.members[position] as Candidate, inColor.colors[position]),
    },
    {
      members: others.members,
      scores: Float64Array.from(others.scores),
      reasonsOf: (position) => reasons(others.members[position] as Candidate, undefined),
    },
  ];
}

/**
 * Complements of a product in the cart: what visitors bought together with it, strongest pair
 * first; the visitor's taste (and what is trending) fills the list up in a tier below.
 */
function complements(anchor: Product, ranking: Ranking, candidates: readonly Candidate[]): Tier[] {
  const { wish, learned } = ranking.request;
  const boughtTogether = candidates.filter(({ product }) => learned.bought.has(product.id));
  if (boughtTogether.length === 0) return [byTaste(ranking, candidates)];
  const found: Tier = {
    members: boughtTogether,
    scores: Float64Array.from(boughtTogether, (candidate) => {
      const strength = pairStrength(learned.bought.get(candidate.product.id) ?? 0);
      return (
        0.5 + 0.5 * (0.8 * strength + 0.2 * tasteScore(tasteMatch(candidate, ranking.shares, ranking.size)))
      );
    }),
    reasonsOf: (position) => {
      const candidate = boughtTogether[position] as Candidate;
      const reasons = [`Often bought together with ${anchor.title}`, ...sizeReason(wish)];
      const { bestColor } = tasteMatch(candidate, ranking.shares, ranking.size);
      if (bestColor !== undefined) reasons.push(`In your colour ${bestColor}`);
      return reasons;
    },
  };
  const chosen = new Set(boughtTogether.map(({ product }) => product.id));
  const fill = byTaste(
    ranking,
    candidates.filter(({ product }) => !chosen.has(product.id)),
  );
  return [found, { ...fill, scores: fill.scores.map((score) => 0.5 * score) }];
}

/** Below this the trend is noise, not worth a reason. */
const trendingReasonAt = 0.5;

/**
 * The visitor's taste times what is trending (HOME): a cold start still gets the shop's
 * favourites, each in stock.
 */
function byTaste(ranking: Ranking, candidates: readonly Candidate[]): Tier {
  const { request, trend, size } = ranking;
  // The candidates already fit the wished size (`eligible`), and `bestOf` decides the order.
  const scores = ranking.table.tasteScores(candidates, ranking.shares, size);
  const places = ranking.table.placesOf(candidates);
  for (let position = 0; position < scores.length; position += 1) {
    scores[position] = tasteWithTrend(scores[position] as number, trend(places[position] as number));
  }
  return {
    members: candidates,
    scores,
    reasonsOf: (position) => {
      const candidate = candidates[position] as Candidate;
      const { product } = candidate;
      const match = tasteMatch(candidate, ranking.shares, size);
      const reasons = [...sizeReason(request.wish)];
      if (match.category > 0) reasons.push(`You like ${product.category}`);
      if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
      if (match.brand > 0) reasons.push(`From ${product.brand}, a brand you like`);
      if (trend(candidate.index) >= trendingReasonAt) reasons.push('Popular right now');
      if (reasons.length === 0) reasons.push('Widely available: a start while we learn your taste');
      return reasons;
    },
  };
}

/**
 * When a search found nothing (SEARCH): products close to what the visitor searched for — its
 * categories and brands, the wished colour — in the wished size, then by taste and trend.
 */
function searchRescue(ranking: Ranking, candidates: readonly Candidate[]): Tier[] {
  const intent = ranking.request.searchIntent;
  const taste = byTaste(ranking, candidates);
  if (intent == null) return [taste];
  const categories = new Set(intent.categories.map(normalizeAttribute));
  const brands = new Set(intent.brands.map(normalizeAttribute));
  const words = (intent.query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length >= 3)
    .map((word) => word.slice(0, Math.max(3, word.length - 2)));
  const closeness = candidates.map((candidate) => {
    const inCategory = categories.has(candidate.category);
    const ofBrand = brands.has(candidate.brand);
    const sharesWord = words.some((stem) => candidate.text.includes(stem));
    return (
      0.45 * Number(inCategory) +
      0.25 * Number(sharesWord) +
      0.15 * Number(ofBrand) +
      0.15 * Number(inWishedColor(candidate, ranking) !== undefined)
    );
  });
  return [
    {
      members: candidates,
      scores: taste.scores.map((score, position) => 0.6 * (closeness[position] as number) + 0.4 * score),
      reasonsOf: (position) => {
        const reasons = taste.reasonsOf(position);
        if ((closeness[position] as number) > 0) {
          reasons.unshift(
            intent.query === null
              ? 'Close to your last search'
              : `Close to your search "${intent.query.slice(0, 64)}"`,
          );
        }
        return reasons;
      },
    },
  ];
}

/** How long a product counts as new in a newsletter. */
const newForMs = 14 * 86_400_000;

/** NEWSLETTER: the visitor's taste and the trend, with products new in the shop lifted. */
function newsletterPicks(ranking: Ranking, candidates: readonly Candidate[], now: Date): Tier[] {
  const taste = byTaste(ranking, candidates);
  const isNew = candidates.map(({ product: { listedAt } }) => {
    return listedAt !== undefined && now.getTime() - listedAt.getTime() <= newForMs;
  });
  return [
    {
      members: candidates,
      scores: taste.scores.map((score, position) => (isNew[position] ? score * 1.2 : score)),
      reasonsOf: (position) => {
        const reasons = taste.reasonsOf(position);
        return isNew[position] ? [...reasons, 'New in the shop'] : reasons;
      },
    },
  ];
}

/** The strategy's tiers, from the candidates that pass the hard rules (the anchor's category's only, next to a product). */
function strategy(ranking: Ranking, now: Date): Tier[] {
  const { request } = ranking;
  switch (request.placement) {
    case 'PRODUCT_DETAIL':
      if (request.anchor === null) throw new TypeError('PRODUCT_DETAIL needs the product on the page');
      return alternatives(request.anchor, ranking, eligible(ranking, request.anchor.category));
    case 'CART':
      // Without the product in the cart there is nothing to complement: the taste ranking.
      return request.anchor === null
        ? [byTaste(ranking, eligible(ranking))]
        : complements(request.anchor, ranking, eligible(ranking));
    case 'HOME':
      return [byTaste(ranking, eligible(ranking))];
    case 'SEARCH':
      return searchRescue(ranking, eligible(ranking));
    case 'NEWSLETTER':
      return newsletterPicks(ranking, eligible(ranking), now);
    default: {
      const unreachable: never = request.placement;
      throw new Error(`unhandled placement ${String(unreachable)}`);
    }
  }
}

/** Candidates the learned click-through may reorder: the head of each tier. */
const explorationWindow = 100;

/**
 * The first `count` of a tier, as sorting it by score (ties by id), lifting the head of that order
 * by what visitors did with this placement's lists, and arranging the whole tier with
 * `Merchandiser.arrange` would give them, pins first. Only the lifted head and the list taken
 * are put in order: a tier can hold the whole catalog, and the list holds a handful.
 */
function bestOf(
  tier: Tier,
  count: number,
  request: RecommendationRequest,
  table: CandidateTable,
): Recommendation[] {
  const { members, scores } = tier;
  const total = members.length;
  const merchandiser = request.merchandiser ?? noRules;
  const weights = table.weights(merchandiser, request.placement);
  const byScore = (a: number, b: number) =>
    (scores[b] as number) - (scores[a] as number) ||
    (members[a] as Candidate).idRank - (members[b] as Candidate).idRank;

  // Without a lift the weighed score is the score times the factor.
  const lifted = request.lift == null ? scores : Float64Array.from(scores);
  const liftReasons = new Map<number, string>();
  if (request.lift != null) {
    // Each lift is a draw from the visitor's seeded random source: drawn in score order, so
    // that the visitor's list is the same every time.
    for (const position of firstPlaces(total, explorationWindow, (a, b) => byScore(a, b) < 0)) {
      const { lift, reason } = request.lift((members[position] as Candidate).product.id);
      lifted[position] = (lifted[position] as number) * lift;
      if (reason !== null) liftReasons.set(position, reason);
    }
  }
  const places = table.placesOf(members);
  const factor = new Float64Array(total);
  const final = new Float64Array(total);
  for (let position = 0; position < total; position += 1) {
    factor[position] = weights.factor[places[position] as number] as number;
    final[position] = (lifted[position] as number) * (factor[position] as number);
  }
  // `arrange` order: the weighed score, then the factor (it breaks ties among visitors who score
  // 0 everywhere), then the order before weighing.
  const before = (a: number, b: number) =>
    ((final[b] as number) - (final[a] as number) ||
      (factor[b] as number) - (factor[a] as number) ||
      byScore(a, b)) < 0;

  const pinned = new Map<number, string[]>();
  const pins = merchandiser.pinsFor({ placement: request.placement });
  if (pins.length > 0) {
    const wanted = new Set(pins.flatMap((pin) => pin.productIds));
    const best = new Map<string, number>();
    members.forEach(({ normalizedId }, position) => {
      if (!wanted.has(normalizedId)) return;
      const found = best.get(normalizedId);
      if (found === undefined || before(position, found)) best.set(normalizedId, position);
    });
    for (const pin of pins) {
      for (const id of pin.productIds) {
        const position = best.get(id);
        if (position === undefined) continue;
        const reasons = pinned.get(position) ?? [];
        reasons.push(pin.reason);
        pinned.set(position, reasons);
      }
    }
  }
  const taken = [
    ...[...pinned.keys()].slice(0, count),
    ...firstPlaces(
      total,
      count - pinned.size,
      before,
      pinned.size === 0 ? undefined : (position) => pinned.has(position),
    ),
  ];
  return taken.map((position) => {
    const candidate = members[position] as Candidate;
    const reasons = tier.reasonsOf(position);
    const liftReason = liftReasons.get(position);
    if (liftReason !== undefined) reasons.push(liftReason);
    for (const reason of weights.reasons[candidate.index] ?? []) appendReason(reasons, reason);
    for (const reason of pinned.get(position) ?? []) appendReason(reasons, reason);
    return { product: candidate.product, score: round(final[position] as number), reasons };
  });
}

const noRules = Merchandiser.none();
const noTrend = () => 0;

/**
 * The visitor's list at a placement: the strategy's tiers, each reordered by what visitors did
 * with this placement's lists and then by the shop's rules, read in order until the list is full.
 */
export function recommend(
  request: RecommendationRequest,
  catalog: readonly Product[],
  now: Date = new Date(),
): Recommendation[] {
  const table = CandidateTable.of(catalog);
  const sizes = request.wish.sizes.map((size) => table.sizeNumber(normalizeAttribute(size)));
  const ranking: Ranking = {
    request,
    table,
    sizes,
    colors: request.wish.colors.map((color) => table.colorNumber(normalizeAttribute(color))),
    size: sizes[0],
    colorsInWishedSizes:
      sizes.length === 0 ? [table.colorsInStock(anySize)] : sizes.map((size) => table.colorsInStock(size)),
    colorsInTasteSize: table.colorsInStock(sizes[0] ?? anySize),
    shares: table.shares(request.scorer),
    trend: table.trends(request.popularity ?? noTrend),
  };
  const list: Recommendation[] = [];
  for (const tier of strategy(ranking, now)) {
    if (list.length >= request.limit) break;
    list.push(...bestOf(tier, request.limit - list.length, request, table));
  }
  return list;
}
