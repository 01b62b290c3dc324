import type { Placement } from '../shared/touchpoints.js';
import { availableIn, type ShownList, type ShownProduct } from './observations.js';

/** What no recommendation and no newsletter may ever show. */
export const hardRules = ['out of stock in size', 'already bought', 'duplicate', 'current product'] as const;
export type HardRule = (typeof hardRules)[number];

export interface Violation {
  rule: HardRule;
  visitor: number;
  source: ShownList['source'];
  placement: Placement;
  productId: string;
}

/** The hard rules a list breaks. */
export function violationsOf(list: ShownList): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const broken = (rule: HardRule, product: ShownProduct) =>
    violations.push({
      rule,
      visitor: list.visitor,
      source: list.source,
      placement: list.placement,
      productId: product.id,
    });
  for (const product of list.products) {
    if (!availableIn(product, list.size)) broken('out of stock in size', product);
    if (list.bought.includes(product.id)) broken('already bought', product);
    if (seen.has(product.id)) broken('duplicate', product);
    if (product.id === list.anchor) broken('current product', product);
    seen.add(product.id);
  }
  return violations;
}

/** The lists the hard rules bind: recommendations and newsletters, not search results. */
export function boundByHardRules(list: ShownList): boolean {
  return list.source !== 'search';
}
