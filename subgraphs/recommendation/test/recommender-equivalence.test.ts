import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { noTaste, type Taste, TasteScorer } from '../../../shared/catalog/taste.js';
import type { LiftOf } from '../../../shared/reactions/placement-lift.js';
import { seededRandom } from '../../../shared/reactions/random.js';
import { clickThroughLift } from '../../../shared/reactions/thompson.js';
import { placements } from '../../../shared/touchpoints.js';
import { taste } from '../../../test/support/catalog-fixtures.js';
import { tiedCatalog, tiedRules, tiedValues } from '../../../test/support/tied-catalog.js';
import type { LearnedPairs } from '../learning/pairs.js';
import { type RecommendationRequest, recommend } from '../recommender.js';
import { recommendFromWholeList } from './whole-list-recommender.js';

// `recommend` scores a candidate table and puts only the head of each tier in order. These tests
// hold it to the plain formulation it replaced: every candidate scored with its reasons, each
// tier sorted whole, its head lifted, the whole tier arranged by the merchandiser.

const now = new Date('2026-11-01T12:00:00Z');
const catalog = tiedCatalog(600, now);
const { sizes, colors, brands, categories } = tiedValues;
const pick = <T>(values: readonly T[], index: number) => values[index % values.length] as T;

const rules = tiedRules(['HOME', 'CART', 'NEWSLETTER']);

function tasteOf(index: number): Taste {
  return taste({
    sizes: index % 7 === 0 ? [] : [pick(sizes, index), 'XXL'],
    colors: index % 3 === 0 ? [] : [pick(colors, index), 'ROT'],
    brands: index % 4 === 0 ? [] : [pick(brands, index)],
    categories: index % 5 === 0 ? [] : [pick(categories, index), 'Socken'],
  });
}

function learnedFor(index: number): LearnedPairs {
  if (index % 3 === 0) return { viewed: new Map(), bought: new Map() };
  const partners = (offset: number) =>
    new Map(
      Array.from({ length: 12 }, (_, step) => [`JG-${(index * 13 + step * 17 + offset) % 600}`, 1 + step]),
    );
  return { viewed: partners(0), bought: partners(5) };
}

/** A fresh request each time: a lift draws from its random source as it is asked. */
function requestFor(index: number, placement: RecommendationRequest['placement']): RecommendationRequest {
  const visitorTaste = index % 11 === 0 ? noTaste : tasteOf(index);
  const random = seededRandom(index);
  const lift: LiftOf = (productId) =>
    clickThroughLift(
      { shown: productId.length % 5, clicked: (productId.charCodeAt(3) ?? 0) % 2 },
      0.05,
      random,
    );
  const anchor =
    placement === 'PRODUCT_DETAIL' || (placement === 'CART' && index % 2 === 0)
      ? (catalog[(index * 29) % catalog.length] as Product)
      : null;
  return {
    placement,
    anchor,
    limit: [1, 8, 24, 50][index % 4] as number,
    scorer: new TasteScorer(visitorTaste),
    wish: {
      sizes:
        index % 6 === 0
          ? []
          : index % 6 === 1
            ? [pick(sizes, index), pick(sizes, index + 1)]
            : [pick(sizes, index).toLowerCase()],
      colors: index % 4 === 0 ? [] : [pick(colors, index + 2), pick(colors, index).toUpperCase()],
    },
    learned: learnedFor(index),
    bought: new Set(index % 2 === 0 ? [`JG-${index}`, `JG-${index * 3}`, 'jg-7'] : []),
    searchIntent:
      index % 5 === 0
        ? null
        : {
            query: index % 3 === 0 ? null : 'Laufhose JG-1',
            categories: [pick(categories, index)],
            brands: [pick(brands, index + 1)],
          },
    popularity: index % 4 === 1 ? undefined : (productId) => (productId.length % 3) / 2,
    lift: index % 3 === 2 ? null : lift,
    merchandiser: index % 5 === 4 ? undefined : rules,
  };
}

describe('recommend, ranking only the head of each tier', () => {
  it.each(placements)(
    'recommends what scoring, sorting and arranging every candidate recommends (%s)',
    (placement) => {
      for (let index = 0; index < 60; index += 1) {
        const fast = recommend(requestFor(index, placement), catalog, now);
        const whole = recommendFromWholeList(requestFor(index, placement), catalog, now);
        expect(fast).toEqual(whole);
      }
    },
  );

  it('finds something to compare in every placement: lists are not empty', () => {
    for (const placement of placements) {
      expect(recommend(requestFor(2, placement), catalog, now).length).toBeGreaterThan(0);
    }
  });
});
