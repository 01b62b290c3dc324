import { isAvailable, matchingVariants, type Product } from '../shared/catalog/product.js';
import type { Catalog } from './catalog.js';
import { Random } from './random.js';

/** What a synthetic visitor really wants; the system learns it only from what the visitor does. */
export interface HiddenTaste {
  size: string;
  /** Favourite first, likewise colours and brands. */
  categories: string[];
  colors: string[];
  brands: string[];
}

/** One search-and-click of a journey, fixed before any system answers. */
export interface PlannedStep {
  /** The search's filters: the category, the visitor's size and this colour. */
  category: string;
  color: string;
  /** The product the visitor clicks next: of the category, in stock in the size and colour. */
  productId: string;
  /** Its variant in the visitor's size and the filtered colour, for cart and purchase. */
  sku: string;
  buys: boolean;
}

export interface SyntheticVisitor {
  index: number;
  taste: HiddenTaste;
  steps: PlannedStep[];
}

export interface Population {
  visitors: SyntheticVisitor[];
  /**
   * How much each product attracts clicks whoever sees it (0..1): what a ranking can learn from
   * reactions across visitors, and what no visitor's taste tells.
   */
  appeal: ReadonlyMap<string, number>;
}

const stepsPerVisitor = { min: 2, max: 4 };
const purchaseProbability = 0.3;

function countBy<T>(items: readonly T[], key: (item: T) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const value of new Set(key(item))) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** A few very appealing products and a long tail, as click data in shops looks. */
function appealOf(catalog: Catalog, seed: number): Map<string, number> {
  const random = new Random(seed, 'appeal');
  return new Map(catalog.products.map((product) => [product.id, 0.05 + 0.6 * random.next() ** 3]));
}

/** Sizes weighted by the variants in stock: a visitor wears a size the shop carries. */
function stockBySize(catalog: Catalog): Map<string, number> {
  return countBy(
    catalog.products.flatMap((product) => product.variants.filter((variant) => variant.stock > 0)),
    (variant) => [variant.size],
  );
}

function hiddenTaste(catalog: Catalog, sizes: ReadonlyMap<string, number>, random: Random): HiddenTaste {
  const size = random.weighted([...sizes.keys()], (value) => sizes.get(value) ?? 0) as string;
  const fitting = catalog.products.filter((product) => isAvailable(product, { size }));
  const perCategory = countBy(fitting, (product) => [product.category]);
  const categories = random.distinct([...perCategory.keys()], 2, (value) => perCategory.get(value) ?? 0);
  const favourite = fitting.filter((product) => product.category === categories[0]);
  const shopped = fitting.filter((product) => categories.includes(product.category));
  const colorsIn = (products: readonly Product[]) =>
    countBy(products, (product) => matchingVariants(product, { size }).map((variant) => variant.color));
  // The favourite colour exists in the favourite category, so every journey has a first search.
  const favouriteColors = colorsIn(favourite);
  const firstColor = random.weighted([...favouriteColors.keys()], (value) => favouriteColors.get(value) ?? 0);
  const otherColors = colorsIn(shopped);
  otherColors.delete(firstColor as string);
  const colors = [
    firstColor as string,
    ...random.distinct([...otherColors.keys()], 1, (value) => otherColors.get(value) ?? 0),
  ];
  const perBrand = countBy(shopped, (product) => [product.brand]);
  const brands = random.distinct([...perBrand.keys()], 2, (value) => perBrand.get(value) ?? 0);
  return { size, categories, colors, brands };
}

function plannedSteps(
  taste: HiddenTaste,
  catalog: Catalog,
  appeal: ReadonlyMap<string, number>,
  random: Random,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const bought = new Set<string>();
  const count = random.integer(stepsPerVisitor.min, stepsPerVisitor.max);
  const searches = taste.categories.flatMap((category, categoryRank) =>
    taste.colors.map((color, colorRank) => ({
      category,
      color,
      weight: 1 / ((1 + categoryRank) * (1 + colorRank)),
    })),
  );
  while (steps.length < count) {
    // Someone who bought a product does not click it again as the next thing they want.
    const candidates = (search: { category: string; color: string }) =>
      catalog.products.filter(
        (product) =>
          product.category === search.category &&
          !bought.has(product.id) &&
          isAvailable(product, { size: taste.size, color: search.color }),
      );
    const search = random.weighted(searches, (option) => (candidates(option).length > 0 ? option.weight : 0));
    if (search === undefined) break;
    const product = random.weighted(
      candidates(search),
      (option) => (appeal.get(option.id) ?? 0) * (taste.brands.includes(option.brand) ? 3 : 1),
    ) as Product;
    const [variant] = matchingVariants(product, { size: taste.size, color: search.color });
    const buys = random.chance(purchaseProbability);
    if (buys) bought.add(product.id);
    steps.push({
      category: search.category,
      color: search.color,
      productId: product.id,
      sku: variant?.sku as string,
      buys,
    });
  }
  return steps;
}

/** Visitors whose hidden tastes are real sizes, colours, brands and categories of the feed. */
export function generatePopulation(
  catalog: Catalog,
  options: { visitors: number; seed: number },
): Population {
  const appeal = appealOf(catalog, options.seed);
  const sizes = stockBySize(catalog);
  const visitors = Array.from({ length: options.visitors }, (_, index) => {
    const random = new Random(options.seed, 'visitor', index);
    const taste = hiddenTaste(catalog, sizes, random);
    return { index, taste, steps: plannedSteps(taste, catalog, appeal, random) };
  });
  return { visitors, appeal };
}
