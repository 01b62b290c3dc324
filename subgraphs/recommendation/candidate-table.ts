import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { tasteScore } from '../../shared/catalog/ranking.js';
import type { TasteMatch, TasteScorer } from '../../shared/catalog/taste.js';
import type { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import { type Popularity, TrendReadings } from '../../shared/catalog/trend-readings.js';
import { ValueNumbers } from '../../shared/catalog/value-numbers.js';
import type { Placement } from '../../shared/touchpoints.js';

/** A variant that can be bought now, its size and colour as numbers of the table's values. */
interface StockedVariant {
  size: number;
  color: number;
  /** The colour as the catalog spells it, for the reason shown. */
  colorName: string;
}

/** A catalog product with what ranking it for any visitor needs, worked out once per catalog. */
export interface Candidate {
  product: Product;
  /** Place in the catalog. */
  index: number;
  /**
   * Place in the catalog ordered by id (`localeCompare`), then by place in the catalog: the last
   * tie-break of every ranking, as a stable sort by id leaves products of equal score.
   */
  idRank: number;
  normalizedId: string;
  /** Normalized, and as a number of the table's brands. */
  brand: string;
  brandNumber: number;
  /** Normalized, and as a number of the table's categories. */
  category: string;
  categoryNumber: number;
  stocked: readonly StockedVariant[];
  /** `product.colors` normalized, as numbers of the table's colours, one for one and distinct. */
  colors: Int32Array;
  distinctColors: Int32Array;
  /** Title, category and category path in lower case: where a search rescue looks for words. */
  text: string;
}

/** What the shop's boosts and buries at one placement do to each product, by catalog place. */
export interface PlacementWeights {
  factor: Float64Array;
  reasons: readonly (readonly string[])[];
}

/**
 * One visitor's taste against the table's values: each share looked up once per request, then
 * read by number for every candidate.
 */
export interface TasteShares {
  brands: Float64Array;
  categories: Float64Array;
  colors: Float64Array;
}

/** The candidate's variant in `size` (a number; undefined: any) whose colour the visitor likes best, or -1. */
function bestColorVariant(candidate: Candidate, shares: TasteShares, size: number | undefined): number {
  let best = -1;
  let bestShare = 0;
  const { stocked } = candidate;
  for (let variant = 0; variant < stocked.length; variant += 1) {
    const { size: variantSize, color } = stocked[variant] as StockedVariant;
    if (size !== undefined && variantSize !== size) continue;
    const share = shares.colors[color] as number;
    if (share > bestShare) {
      bestShare = share;
      best = variant;
    }
  }
  return best;
}

/**
 * `TasteScorer.match` of the candidate: only colours in stock in `size` (a number of the table's
 * sizes; undefined: any size) count.
 */
export function tasteMatch(candidate: Candidate, shares: TasteShares, size: number | undefined): TasteMatch {
  const best = bestColorVariant(candidate, shares, size);
  const variant = candidate.stocked[best];
  return {
    brand: shares.brands[candidate.brandNumber] as number,
    category: shares.categories[candidate.categoryNumber] as number,
    color: variant === undefined ? 0 : (shares.colors[variant.color] as number),
    bestColor: variant?.colorName,
  };
}

/** The key of `colorsInStock` for colours in stock in any size; size numbers start at 0. */
export const anySize = -2;

/**
 * The colours (numbers) each candidate can be bought in, in one size or in any, by catalog place:
 * those of the candidate at place `p` are `colors[from[p]]` up to `colors[from[p + 1]]`. One
 * array for all, read front to back: every candidate's own array would lie elsewhere in the heap.
 */
export interface StockedColors {
  from: Int32Array;
  colors: Int32Array;
}

/**
 * What a product page compares every candidate of its category with, by catalog place: the
 * candidates' colours (`product.colors`, one for one, and distinct) in the layout of
 * `StockedColors`, their prices, and their brand and gender as spelled in the feed, as numbers
 * (gender -1: none).
 */
export interface LikenessColumns {
  colors: StockedColors;
  distinctColors: StockedColors;
  price: Float64Array;
  brand: Int32Array;
  gender: Int32Array;
  /** The numbers of a brand and a gender as spelled; -2, matching no candidate, when none has it. */
  brandNumber(brand: string): number;
  genderNumber(gender: string | null): number;
}

/** The visitor's share of the colour they like best among those of the candidate at `place`, 0 for none. */
export function likedColorShare(stocked: StockedColors, place: number, shares: TasteShares): number {
  const { from, colors } = stocked;
  const end = from[place + 1] as number;
  let best = 0;
  for (let at = from[place] as number; at < end; at += 1) {
    const share = shares.colors[colors[at] as number] as number;
    if (share > best) best = share;
  }
  return best;
}

/** Whether the candidate at `place` can be bought in `color` (a number). */
export function stocksColor(stocked: StockedColors, place: number, color: number): boolean {
  const { from, colors } = stocked;
  const end = from[place + 1] as number;
  for (let at = from[place] as number; at < end; at += 1) if (colors[at] === color) return true;
  return false;
}

interface TableValues {
  sizes: ValueNumbers;
  colors: ValueNumbers;
  brands: ValueNumbers;
  categories: ValueNumbers;
}

function candidatesOf(products: readonly Product[], values: TableValues): Candidate[] {
  const byId = products.map((_, index) => index);
  byId.sort((a, b) => (products[a] as Product).id.localeCompare((products[b] as Product).id) || a - b);
  const idRanks = new Array<number>(products.length);
  byId.forEach((index, rank) => {
    idRanks[index] = rank;
  });
  return products.map((product, index) => {
    const colors = product.colors.map((color) => values.colors.numberOf(normalizeAttribute(color)));
    const brand = normalizeAttribute(product.brand);
    const category = normalizeAttribute(product.category);
    return {
      product,
      index,
      idRank: idRanks[index] as number,
      normalizedId: normalizeAttribute(product.id),
      brand,
      brandNumber: values.brands.numberOf(brand),
      category,
      categoryNumber: values.categories.numberOf(category),
      stocked: product.variants
        .filter((variant) => variant.stock > 0)
        .map((variant) => ({
          size: values.sizes.numberOf(normalizeAttribute(variant.size)),
          color: values.colors.numberOf(normalizeAttribute(variant.color)),
          colorName: variant.color,
        })),
      colors: Int32Array.from(colors),
      distinctColors: Int32Array.from(new Set(colors)),
      text: `${product.title} ${product.category} ${product.categoryPath.join(' ')}`.toLowerCase(),
    };
  });
}

/** `StockedColors`' layout for one list of colour numbers per candidate. */
function flattened(lists: readonly Int32Array[]): StockedColors {
  const from = new Int32Array(lists.length + 1);
  lists.forEach((list, place) => {
    from[place + 1] = (from[place] as number) + list.length;
  });
  const colors = new Int32Array(from[lists.length] as number);
  lists.forEach((list, place) => colors.set(list, from[place] as number));
  return { from, colors };
}

function likenessColumnsOf(candidates: readonly Candidate[]): LikenessColumns {
  const brands = new ValueNumbers();
  const genders = new ValueNumbers();
  const none = -2;
  return {
    colors: flattened(candidates.map(({ colors }) => colors)),
    distinctColors: flattened(candidates.map(({ distinctColors }) => distinctColors)),
    price: Float64Array.from(candidates, ({ product }) => product.price),
    brand: Int32Array.from(candidates, ({ product }) => brands.numberOf(product.brand)),
    gender: Int32Array.from(candidates, ({ product }) =>
      product.gender === null ? -1 : genders.numberOf(product.gender),
    ),
    brandNumber: (brand) => brands.find(brand) ?? none,
    genderNumber: (gender) => (gender === null ? -1 : (genders.find(gender) ?? none)),
  };
}

/**
 * The catalog as the recommender ranks it. Every request ranks thousands of products: the string
 * work (normalizing sizes, colours and ids, matching merchandising rules) is done here once per
 * catalog, and each request compares numbers.
 */
export class CandidateTable {
  readonly candidates: readonly Candidate[];
  readonly #values: TableValues = {
    sizes: new ValueNumbers(),
    colors: new ValueNumbers(),
    brands: new ValueNumbers(),
    categories: new ValueNumbers(),
  };
  /** The candidates in stock in one size, by size number, built on first use. */
  readonly #inSize = new Map<number, readonly Candidate[]>();
  readonly #inSizeAndCategory = new Map<string, readonly Candidate[]>();
  /** `colorsInStock` by size number. */
  readonly #stockedColors = new Map<number, StockedColors>();
  /** Each candidate's brand and category numbers by catalog place, read as columns. */
  readonly #brandNumbers: Int32Array;
  readonly #categoryNumbers: Int32Array;
  readonly likeness: LikenessColumns;
  /** The catalog places of lists of candidates the table hands out and scores again and again. */
  readonly #places = new WeakMap<readonly Candidate[], Int32Array>();
  readonly #inStock: readonly Candidate[];
  readonly #weights = new WeakMap<Merchandiser, Map<Placement, PlacementWeights>>();
  readonly #trends: TrendReadings;

  private constructor(products: readonly Product[]) {
    this.candidates = candidatesOf(products, this.#values);
    this.#trends = new TrendReadings(products.map(({ id }) => id));
    this.#inStock = this.#kept(this.candidates.filter(({ stocked }) => stocked.length > 0));
    this.#brandNumbers = Int32Array.from(this.candidates, ({ brandNumber }) => brandNumber);
    this.#categoryNumbers = Int32Array.from(this.candidates, ({ categoryNumber }) => categoryNumber);
    this.likeness = likenessColumnsOf(this.candidates);
  }

  static #tables = new WeakMap<readonly Product[], CandidateTable>();

  /** The table of a catalog, built on first use and forgotten with the catalog. */
  static of(products: readonly Product[]): CandidateTable {
    let table = CandidateTable.#tables.get(products);
    if (table === undefined) {
      table = new CandidateTable(products);
      CandidateTable.#tables.set(products, table);
    }
    return table;
  }

  /** One flag per colour of the table: set for each of `normalizedColors` the table has. */
  colorMask(normalizedColors: Iterable<string>): Uint8Array {
    const mask = new Uint8Array(this.#values.colors.values.length);
    for (const color of normalizedColors) {
      const number = this.#values.colors.find(color);
      if (number !== undefined) mask[number] = 1;
    }
    return mask;
  }

  /** The number of a normalized size or colour; -1, matching no variant, when no product has it. */
  sizeNumber(size: string): number {
    return this.#values.sizes.find(size) ?? -1;
  }

  colorNumber(color: string): number {
    return this.#values.colors.find(color) ?? -1;
  }

  /**
   * The candidates in stock in one of `sizes` (numbers), or in any size when none is given, and
   * of `category` (as the catalog spells it) when one is given, in catalog order.
   */
  fitting(sizes: readonly number[], category?: string): readonly Candidate[] {
    if (sizes.length > 1) {
      const fits = new Uint8Array(this.candidates.length);
      for (const size of sizes) for (const { index } of this.#inOneSize(size)) fits[index] = 1;
      return this.candidates.filter(
        ({ index, product }) =>
          fits[index] === 1 && (category === undefined || product.category === category),
      );
    }
    const inSize = sizes.length === 0 ? this.#inStock : this.#inOneSize(sizes[0] as number);
    if (category === undefined) return inSize;
    // A product page asks for its category's candidates: one list per size and category, kept.
    const key = `${sizes[0] ?? ''}\u0000${category}`;
    let found = this.#inSizeAndCategory.get(key);
    if (found === undefined) {
      found = this.#kept(inSize.filter(({ product }) => product.category === category));
      this.#inSizeAndCategory.set(key, found);
    }
    return found;
  }

  #inOneSize(size: number): readonly Candidate[] {
    let found = this.#inSize.get(size);
    if (found === undefined) {
      found = this.#kept(
        this.candidates.filter(({ stocked }) => stocked.some((variant) => variant.size === size)),
      );
      this.#inSize.set(size, found);
    }
    return found;
  }

  /**
   * The catalog places of `members`, by position: kept for the lists `fitting` keeps, worked out
   * for any other.
   */
  placesOf(members: readonly Candidate[]): Int32Array {
    return this.#places.get(members) ?? Int32Array.from(members, ({ index }) => index);
  }

  /** Keeps a list `fitting` hands out again and again, with its places. */
  #kept(members: readonly Candidate[]): readonly Candidate[] {
    this.#places.set(
      members,
      Int32Array.from(members, ({ index }) => index),
    );
    return members;
  }

  /**
   * `tasteScore(tasteMatch(…))` of each of `members`, by position, without building the matches:
   * HOME and NEWSLETTER score every product in stock in the visitor's size.
   */
  tasteScores(members: readonly Candidate[], shares: TasteShares, size: number | undefined): Float64Array {
    const stocked = this.colorsInStock(size ?? anySize);
    const places = this.placesOf(members);
    const brandNumbers = this.#brandNumbers;
    const categoryNumbers = this.#categoryNumbers;
    const scores = new Float64Array(places.length);
    for (let position = 0; position < places.length; position += 1) {
      const place = places[position] as number;
      scores[position] = tasteScore({
        category: shares.categories[categoryNumbers[place] as number] as number,
        color: likedColorShare(stocked, place, shares),
        brand: shares.brands[brandNumbers[place] as number] as number,
      });
    }
    return scores;
  }

  /** The colours each candidate can be bought in, in `size` (a number, or `anySize`); worked out once per size. */
  colorsInStock(size: number): StockedColors {
    let found = this.#stockedColors.get(size);
    if (found === undefined) {
      found = flattened(
        this.candidates.map(({ stocked }) => {
          const colors = new Set<number>();
          for (const variant of stocked)
            if (size === anySize || variant.size === size) colors.add(variant.color);
          return Int32Array.from(colors);
        }),
      );
      this.#stockedColors.set(size, found);
    }
    return found;
  }

  /** The visitor's share of each of the table's brands, categories and colours. */
  shares(scorer: TasteScorer): TasteShares {
    const { brands, categories, colors } = this.#values;
    return {
      brands: Float64Array.from(brands.values, (brand) => scorer.brandShare(brand)),
      categories: Float64Array.from(categories.values, (category) => scorer.categoryShare(category)),
      colors: Float64Array.from(colors.values, (color) => scorer.colorShare(color)),
    };
  }

  /** What is trending for the candidate at each catalog place, in one reading (see `TrendReadings`). */
  trends(popularity: Popularity): (place: number) => number {
    return this.#trends.of(popularity);
  }

  /** `merchandiser.weigh` of every product at `placement`, worked out on first use. */
  weights(merchandiser: Merchandiser, placement: Placement): PlacementWeights {
    let byPlacement = this.#weights.get(merchandiser);
    if (byPlacement === undefined) {
      byPlacement = new Map();
      this.#weights.set(merchandiser, byPlacement);
    }
    let weights = byPlacement.get(placement);
    if (weights === undefined) {
      const weighed = this.candidates.map(({ product }) => merchandiser.weigh(product, placement));
      weights = {
        factor: Float64Array.from(weighed, ({ factor }) => factor),
        reasons: weighed.map(({ reasons }) => reasons),
      };
      byPlacement.set(placement, weights);
    }
    return weights;
  }
}
