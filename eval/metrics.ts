import type { Placement } from '../shared/touchpoints.js';
import type { Catalog } from './catalog.js';
import { boundByHardRules, type HardRule, hardRules, type Violation, violationsOf } from './hard-rules.js';
import { availableIn, type PlayedRun, type ShownList } from './observations.js';

/** `part / whole`, or null (shown as n/a) when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface HardRuleResult {
  listsChecked: number;
  productsChecked: number;
  broken: Record<HardRule, number>;
  outOfStockShare: number | null;
  /** The first few, to find the cause. */
  examples: Violation[];
}

const examplesKept = 10;

export function measureHardRules(run: PlayedRun): HardRuleResult {
  const lists = run.lists.filter(boundByHardRules);
  const violations = lists.flatMap((list) => violationsOf(list));
  const productsChecked = lists.reduce((sum, list) => sum + list.products.length, 0);
  const broken = Object.fromEntries(
    hardRules.map((rule) => [rule, violations.filter((violation) => violation.rule === rule).length]),
  ) as Record<HardRule, number>;
  return {
    listsChecked: lists.length,
    productsChecked,
    broken,
    outOfStockShare: share(broken['out of stock in size'], productsChecked),
    examples: violations.slice(0, examplesKept),
  };
}

/** Of the top 3 alternatives after a filtered search and a click: the share in the filtered colour and size. */
export function measureColourTop3(run: PlayedRun): { slots: number; share: number | null } {
  const top3 = run.lists
    .filter((list) => list.placement === 'PRODUCT_DETAIL' && list.filterColor !== null)
    .flatMap((list) => list.products.slice(0, 3).map((product) => ({ list, product })));
  const inColour = top3.filter(({ list, product }) =>
    availableIn(product, list.size, list.filterColor as string),
  ).length;
  return { slots: top3.length, share: share(inColour, top3.length) };
}

export interface HitRateResult {
  nextClicks: number;
  recommended: number | null;
  popularity: number | null;
  /** Recommended against popularity; null when popularity never hit. */
  ratio: number | null;
}

export function measureHitRate(run: PlayedRun): HitRateResult {
  const hits = (ranking: 'recommended' | 'popular') =>
    run.nextClicks.filter((next) => next[ranking].slice(0, 10).includes(next.clicked)).length;
  const recommended = share(hits('recommended'), run.nextClicks.length);
  const popularity = share(hits('popular'), run.nextClicks.length);
  return {
    nextClicks: run.nextClicks.length,
    recommended,
    popularity,
    ratio: recommended === null || popularity === null ? null : share(recommended, popularity),
  };
}

export interface OwnBrandResult {
  /** The reference: the share of own-brand products in the catalog. */
  catalogShare: number;
  /** Per placement with an own-brand boost: lists with an own-brand product in their top 3. */
  placements: { placement: Placement; lists: number; top3Share: number | null }[];
}

export function measureOwnBrands(
  run: PlayedRun,
  catalog: Catalog,
  placements: readonly Placement[],
): OwnBrandResult {
  return {
    catalogShare: catalog.ownBrandShare,
    placements: placements.map((placement) => {
      const lists = run.lists.filter((list: ShownList) => list.placement === placement);
      const leading = lists.filter((list) =>
        list.products.slice(0, 3).some((product) => product.ownBrand),
      ).length;
      return { placement, lists: lists.length, top3Share: share(leading, lists.length) };
    }),
  };
}

export interface ClickThroughResult {
  impressions: number;
  clicks: number;
  rate: number | null;
}

export function measureClickThrough(run: PlayedRun): ClickThroughResult {
  return {
    impressions: run.impressions,
    clicks: run.recommendationClicks,
    rate: share(run.recommendationClicks, run.impressions),
  };
}
