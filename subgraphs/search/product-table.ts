import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { priceBandIndex } from './price-bands.js';
import { ProductSet } from './product-set.js';
import type { ReusedArrays } from './reused-arrays.js';
import type { SearchFilters } from './search-input.js';
import { ValueNumbers } from '../../shared/catalog/value-numbers.js';

/** Wanted values by number (`wanted[number]` is 1), or null: any value. */
export type ValueTest = Uint8Array | null;

/** A request's filters, compiled against one table; null where the filter is not set. */
export interface FilterTest {
  sizes: ValueTest;
  colors: ValueTest;
  brands: ValueTest;
  categories: ValueTest;
  priceMin: number | null;
  priceMax: number | null;
  /** The products with a variant in stock in a wanted size and colour; null without either filter. */
  variants: ProductSet | null;
}

function valueTest(wanted: ReadonlySet<string>, numbers: ValueNumbers): ValueTest {
  if (wanted.size === 0) return null;
  const test = new Uint8Array(numbers.values.length);
  for (const value of wanted) {
    const number = numbers.find(value);
    if (number !== undefined) test[number] = 1;
  }
  return test;
}

/**
 * The catalog's products as numbers, normalized once when the catalog is built: every search
 * filters, counts and scores tens of thousands of products, and comparing strings (each one
 * trimmed and lower-cased again) per product and variant was most of its time.
 * Index i is the i-th product of the catalog. Only variants in stock are kept: no filter, facet
 * or taste looks at the others.
 */
export class ProductTable {
  readonly size: number;
  /** Normalized values, as filters and tastes name them. */
  readonly sizes = new ValueNumbers();
  readonly colors = new ValueNumbers();
  readonly brands = new ValueNumbers();
  readonly categories = new ValueNumbers();
  /** Values as the feed spells them, as facets count them. */
  readonly feedSizes = new ValueNumbers();
  readonly feedColors = new ValueNumbers();
  readonly feedBrands = new ValueNumbers();
  readonly feedCategories = new ValueNumbers();

  readonly brand: Int32Array;
  readonly category: Int32Array;
  readonly feedBrand: Int32Array;
  readonly feedCategory: Int32Array;
  readonly price: Float64Array;
  /** Index into `priceBands`. */
  readonly priceBand: Uint8Array;
  /** `listedAt` in ms, 0 when unknown (as the NEWEST sort reads it). */
  readonly listedAt: Float64Array;
  /** The products in stock in each size (colour), as the feed spells it. */
  readonly inSize: ProductSet[] = [];
  readonly inColor: ProductSet[] = [];
  /** The products in stock in a size in a colour, ascending: `inSizeAndColor[size].get(color)`. */
  readonly inSizeAndColor: Map<number, Int32Array>[];
  /** Position of the product's id in `localeCompare` order; equal ids (to it) share one. */
  readonly idRank: Int32Array;

  readonly #indexesByNormalizedId = new Map<string, number[]>();

  constructor(readonly products: readonly Product[]) {
    const count = products.length;
    this.size = count;
    this.brand = new Int32Array(count);
    this.category = new Int32Array(count);
    this.feedBrand = new Int32Array(count);
    this.feedCategory = new Int32Array(count);
    this.price = new Float64Array(count);
    this.priceBand = new Uint8Array(count);
    this.listedAt = new Float64Array(count);
    products.forEach((product, index) => {
      const normalizedId = normalizeAttribute(product.id);
      const sameId = this.#indexesByNormalizedId.get(normalizedId);
      if (sameId === undefined) this.#indexesByNormalizedId.set(normalizedId, [index]);
      else sameId.push(index);
      this.brand[index] = this.brands.numberOf(normalizeAttribute(product.brand));
      this.category[index] = this.categories.numberOf(normalizeAttribute(product.category));
      this.feedBrand[index] = this.feedBrands.numberOf(product.brand);
      this.feedCategory[index] = this.feedCategories.numberOf(product.category);
      this.price[index] = product.price;
      this.priceBand[index] = priceBandIndex(product.price);
      this.listedAt[index] = product.listedAt?.getTime() ?? 0;
    });
    const pairs: Map<number, number[]>[] = [];
    products.forEach((product, index) => {
      for (const { size, color, stock } of product.variants) {
        if (stock <= 0) continue;
        this.sizes.numberOf(normalizeAttribute(size));
        this.colors.numberOf(normalizeAttribute(color));
        const feedSize = this.feedSizes.numberOf(size);
        const feedColor = this.feedColors.numberOf(color);
        (this.inSize[feedSize] ??= new ProductSet(count)).add(index);
        (this.inColor[feedColor] ??= new ProductSet(count)).add(index);
        const byColor = (pairs[feedSize] ??= new Map());
        const inPair = byColor.get(feedColor);
        if (inPair === undefined) byColor.set(feedColor, [index]);
        else if (inPair.at(-1) !== index) inPair.push(index);
      }
    });
    this.inSizeAndColor = pairs.map(
      (byColor) => new Map([...byColor].map(([color, inPair]) => [color, Int32Array.from(inPair)])),
    );
    this.idRank = idRanks(products);
  }

  /** Every product whose id normalizes to `normalizedId`, as merchandising pins name them. */
  indexesOfNormalizedId(normalizedId: string): readonly number[] {
    return this.#indexesByNormalizedId.get(normalizedId) ?? [];
  }

  compile(filters: SearchFilters): FilterTest {
    const sizes = valueTest(filters.sizes, this.sizes);
    const colors = valueTest(filters.colors, this.colors);
    return {
      sizes,
      colors,
      brands: valueTest(filters.brands, this.brands),
      categories: valueTest(filters.categories, this.categories),
      priceMin: filters.priceMin,
      priceMax: filters.priceMax,
      variants: this.inVariant(sizes, colors),
    };
  }

  /** The feed spellings whose normalized value is wanted. */
  feedNumbers(field: 'size' | 'color', wanted: Uint8Array): number[] {
    const [feed, normalized] =
      field === 'size' ? [this.feedSizes, this.sizes] : [this.feedColors, this.colors];
    return feed.values.flatMap((value, number) =>
      wanted[normalized.find(normalizeAttribute(value)) as number] === 1 ? [number] : [],
    );
  }

  /** The feed spellings of one value as a visitor's taste names it (none when the catalog lacks it). */
  spellingsOf(field: 'size' | 'color', value: string): number[] {
    const normalized = field === 'size' ? this.sizes : this.colors;
    const wanted = new Uint8Array(normalized.values.length);
    const number = normalized.find(normalizeAttribute(value));
    if (number !== undefined) wanted[number] = 1;
    return this.feedNumbers(field, wanted);
  }

  /**
   * The products in stock in one of `sizes` in one of `colors` (feed spellings; null: any),
   * at least one of the two given. Read only: it may be one the table keeps.
   */
  inSizesAndColors(sizes: readonly number[] | null, colors: readonly number[] | null): ProductSet {
    // One value alone is a set the table keeps: no need to copy it.
    if (colors === null && sizes?.length === 1) return this.inSize[sizes[0] as number] as ProductSet;
    if (sizes === null && colors?.length === 1) return this.inColor[colors[0] as number] as ProductSet;
    const found = new ProductSet(this.size);
    if (colors === null) for (const size of sizes ?? []) found.addAll(this.inSize[size] as ProductSet);
    else if (sizes === null) for (const color of colors) found.addAll(this.inColor[color] as ProductSet);
    else {
      for (const size of sizes) {
        const byColor = this.inSizeAndColor[size] as Map<number, Int32Array>;
        for (const color of colors) {
          const products = byColor.get(color);
          if (products !== undefined) for (const product of products) found.add(product);
        }
      }
    }
    return found;
  }

  private inVariant(sizes: ValueTest, colors: ValueTest): ProductSet | null {
    if (sizes === null && colors === null) return null;
    return this.inSizesAndColors(
      sizes === null ? null : this.feedNumbers('size', sizes),
      colors === null ? null : this.feedNumbers('color', colors),
    );
  }

  brandPasses(index: number, test: FilterTest): boolean {
    return test.brands === null || test.brands[this.brand[index] as number] === 1;
  }

  categoryPasses(index: number, test: FilterTest): boolean {
    return test.categories === null || test.categories[this.category[index] as number] === 1;
  }

  pricePasses(index: number, test: FilterTest): boolean {
    const price = this.price[index] as number;
    return (
      !(test.priceMin !== null && price < test.priceMin) && !(test.priceMax !== null && price > test.priceMax)
    );
  }

  /**
   * Sizes and colours filter variants: with both, one variant must be in that size, in that
   * colour and in stock. Without either, a product matches whatever its stock.
   */
  variantsPass(index: number, test: FilterTest): boolean {
    return test.variants === null || test.variants.has(index);
  }

  /**
   * The candidates (indexes, ascending) that pass every filter, with their relevance when the
   * candidates have one (in the same order). Borrowed from `arrays` unless no filter is set.
   */
  filter(
    candidates: { found: Int32Array; relevance: Float64Array | null },
    test: FilterTest,
    arrays: ReusedArrays,
  ): { found: Int32Array; relevance: Float64Array | null } {
    const { brands, categories, priceMin, priceMax, variants } = test;
    if (variants === null && brands === null && categories === null && priceMin === null && priceMax === null)
      return candidates;
    const { found, relevance } = candidates;
    const matching = arrays.int32('matching', found.length);
    const matchingRelevance = relevance === null ? null : arrays.float64('matching relevance', found.length);
    let count = 0;
    // Index loops: `for…of` over a typed array costs several times as much here.
    for (let at = 0; at < found.length; at += 1) {
      const index = found[at] as number;
      if (
        this.brandPasses(index, test) &&
        this.categoryPasses(index, test) &&
        this.pricePasses(index, test) &&
        this.variantsPass(index, test)
      ) {
        matching[count] = index;
        if (matchingRelevance !== null) matchingRelevance[count] = relevance?.[at] as number;
        count += 1;
      }
    }
    return { found: matching.subarray(0, count), relevance: matchingRelevance?.subarray(0, count) ?? null };
  }
}

/** Ranks in `localeCompare` order: what ties of equal score are broken by. */
function idRanks(products: readonly Product[]): Int32Array {
  const order = products.map((_, index) => index);
  const idOf = (index: number) => (products[index] as Product).id;
  order.sort((a, b) => idOf(a).localeCompare(idOf(b)));
  const ranks = new Int32Array(products.length);
  let rank = 0;
  order.forEach((index, position) => {
    const previous = order[position - 1];
    if (previous !== undefined && idOf(previous).localeCompare(idOf(index)) !== 0) rank += 1;
    ranks[index] = rank;
  });
  return ranks;
}
