import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { type Popularity, TrendReadings } from '../../shared/catalog/trend-readings.js';
import { ValueNumbers } from '../../shared/catalog/value-numbers.js';
import type { Merchandiser } from '../../shared/merchandising/merchandiser.js';

/** What ranking a product for any recipient needs, worked out once per catalog. */
export interface CatalogEntry {
  product: Product;
  /** Position in the catalog: the last tie-break, where a stable sort keeps the catalog's order. */
  index: number;
  normalizedId: string;
  /** Normalized, and as a number in `brands`. */
  brand: string;
  brandNumber: number;
  /** As a number in `categories`. */
  categoryNumber: number;
  /**
   * Place among products of equal taste in a taste ranking: more in-stock variants first (the
   * likelier to be there when the recipient comes), then by id in `localeCompare` order, then in
   * catalog order, as a stable sort leaves them.
   */
  tieRank: number;
  /** What the shop's boosts and buries in the newsletter do to the product. */
  weight: { factor: number; reasons: readonly string[] };
}

/** A product that can be bought in one size, with the colours of its in-stock variants in it. */
export interface FittingEntry {
  entry: CatalogEntry;
  /** In feed order, as the catalog spells them, for the reason shown. */
  colorNames: readonly string[];
}

/**
 * The products that can be bought in one size. What every recipient's ranking reads of each is
 * copied into typed arrays by position as well: a recipient's taste is scored for every product
 * in the size, and reading columns front to back is several times faster than following each
 * entry's objects across the heap.
 */
export interface FittingProducts {
  entries: readonly FittingEntry[];
  factor: Float64Array;
  tieRank: Int32Array;
  brandNumber: Int32Array;
  categoryNumber: Int32Array;
  /**
   * The colours of the in-stock variants, as numbers in `colors`, in feed order: those of the
   * product at position `p` are `colorNumbers[colorsFrom[p]]` up to `colorNumbers[colorsFrom[p + 1]]`.
   */
  colorsFrom: Int32Array;
  colorNumbers: Int32Array;
  /** Each catalog entry's position here by its `index`; -1 when it cannot be bought in the size. */
  positionOf: Int32Array;
}

/** Some of the catalog's products, as a block of a newsletter picks them. */
export interface Choice {
  has(entry: CatalogEntry): boolean;
  /**
   * Every entry `has` takes, when the catalog keeps them listed: a pick then ranks just those
   * instead of testing every product in the size.
   */
  entries?: readonly CatalogEntry[];
}

export interface RankingCatalog {
  /**
   * Every normalized value of the catalog once; a recipient's affinity for each is looked up
   * once, and then by number for every product.
   */
  brands: readonly string[];
  categories: readonly string[];
  colors: readonly string[];
  /** The products in stock in `size` (normalized), or in any size when it is undefined. */
  fitting(size: string | undefined): FittingProducts;
  /** Where pins look their products up. */
  byNormalizedId: ReadonlyMap<string, readonly CatalogEntry[]>;
  /** Where a recipient's purchases are looked up. */
  byId: ReadonlyMap<string, readonly CatalogEntry[]>;
  /** The products of a brand, normalized. */
  ofBrand(brand: string): Choice;
  ownBrands: Choice;
  /** The products listed at `since` (milliseconds since the epoch) or later. */
  listedSince(since: number): Choice;
  /**
   * What is trending for each of `fitting`'s products, by position, in one reading (see
   * `TrendReadings`): the same for every recipient of the size until the interests change.
   */
  trendsOf(fitting: FittingProducts, popularity: Popularity): Float64Array;
}

/** Each product's place in the order of `tieRank`. */
function tieRanks(products: readonly Product[]): number[] {
  const stocked = products.map(({ variants }) => variants.filter((variant) => variant.stock > 0).length);
  const id = (index: number) => (products[index] as Product).id;
  const order = products.map((_, index) => index);
  order.sort(
    (a, b) => (stocked[b] as number) - (stocked[a] as number) || id(a).localeCompare(id(b)) || a - b,
  );
  const ranks = new Array<number>(products.length);
  order.forEach((index, place) => {
    ranks[index] = place;
  });
  return ranks;
}

function addTo(map: Map<string, CatalogEntry[]>, key: string, entry: CatalogEntry): void {
  const same = map.get(key);
  if (same === undefined) map.set(key, [entry]);
  else same.push(entry);
}

function positionsIn(fitting: readonly FittingEntry[], catalogSize: number): Int32Array {
  const positions = new Int32Array(catalogSize).fill(-1);
  fitting.forEach(({ entry }, position) => {
    positions[entry.index] = position;
  });
  return positions;
}

function choicesOf(
  entries: readonly CatalogEntry[],
): Pick<RankingCatalog, 'ofBrand' | 'ownBrands' | 'listedSince'> {
  const byBrand = new Map<string, CatalogEntry[]>();
  for (const entry of entries) addTo(byBrand, entry.brand, entry);
  const brandChoices = new Map(
    [...byBrand].map(([brand, found]): [string, Choice] => [
      brand,
      { has: (entry) => entry.brand === brand, entries: found },
    ]),
  );
  const noneListed: Choice = { has: () => false, entries: [] };
  // Newest first: the products listed since a moment are the first so many.
  const listed = entries
    .filter((entry) => entry.product.listedAt !== undefined)
    .sort((a, b) => (b.product.listedAt as Date).getTime() - (a.product.listedAt as Date).getTime());
  return {
    ofBrand: (brand) => brandChoices.get(brand) ?? noneListed,
    ownBrands: {
      has: (entry) => entry.product.ownBrand,
      entries: entries.filter((entry) => entry.product.ownBrand),
    },
    listedSince: (since) => {
      let count = 0;
      let beyond = listed.length;
      while (count < beyond) {
        const middle = (count + beyond) >> 1;
        if (((listed[middle] as CatalogEntry).product.listedAt as Date).getTime() >= since)
          count = middle + 1;
        else beyond = middle;
      }
      return {
        has: (entry) => entry.product.listedAt !== undefined && entry.product.listedAt.getTime() >= since,
        entries: listed.slice(0, count),
      };
    },
  };
}

function prepare(products: readonly Product[], merchandiser: Merchandiser): RankingCatalog {
  const ranks = tieRanks(products);
  const brands = new ValueNumbers();
  const categories = new ValueNumbers();
  const colors = new ValueNumbers();
  const byNormalizedId = new Map<string, CatalogEntry[]>();
  const byId = new Map<string, CatalogEntry[]>();
  const entries = products.map((product, index): CatalogEntry => {
    const brand = normalizeAttribute(product.brand);
    const entry: CatalogEntry = {
      product,
      index,
      normalizedId: normalizeAttribute(product.id),
      brand,
      brandNumber: brands.numberOf(brand),
      categoryNumber: categories.numberOf(normalizeAttribute(product.category)),
      tieRank: ranks[index] as number,
      weight: merchandiser.weigh(product, 'NEWSLETTER'),
    };
    addTo(byNormalizedId, entry.normalizedId, entry);
    addTo(byId, product.id, entry);
    return entry;
  });
  const sizes = new Set<string>();
  for (const { variants } of products) {
    for (const variant of variants) {
      sizes.add(normalizeAttribute(variant.size));
      colors.numberOf(normalizeAttribute(variant.color));
    }
  }
  const fittingIn = (size: string | undefined): FittingProducts => {
    const fitting: FittingEntry[] = [];
    const colorsFrom = [0];
    const colorNumbers: number[] = [];
    for (const entry of entries) {
      const variants = entry.product.variants.filter(
        (variant) => variant.stock > 0 && (size === undefined || normalizeAttribute(variant.size) === size),
      );
      if (variants.length === 0) continue;
      fitting.push({ entry, colorNames: variants.map((variant) => variant.color) });
      for (const variant of variants) colorNumbers.push(colors.numberOf(normalizeAttribute(variant.color)));
      colorsFrom.push(colorNumbers.length);
    }
    return {
      entries: fitting,
      factor: Float64Array.from(fitting, ({ entry }) => entry.weight.factor),
      tieRank: Int32Array.from(fitting, ({ entry }) => entry.tieRank),
      brandNumber: Int32Array.from(fitting, ({ entry }) => entry.brandNumber),
      categoryNumber: Int32Array.from(fitting, ({ entry }) => entry.categoryNumber),
      colorsFrom: Int32Array.from(colorsFrom),
      colorNumbers: Int32Array.from(colorNumbers),
      positionOf: positionsIn(fitting, entries.length),
    };
  };
  // Per size on first use: a shop sells a few dozen sizes, and every recipient has one. Only
  // sizes the catalog has are kept, so that odd sizes from visitors cannot grow the map.
  const bySize = new Map<string | undefined, FittingProducts>();
  const nothingFits: FittingProducts = {
    entries: [],
    factor: new Float64Array(),
    tieRank: new Int32Array(),
    brandNumber: new Int32Array(),
    categoryNumber: new Int32Array(),
    colorsFrom: Int32Array.of(0),
    colorNumbers: new Int32Array(),
    positionOf: positionsIn([], entries.length),
  };
  const fitting = (size: string | undefined) => {
    if (size !== undefined && !sizes.has(size)) return nothingFits;
    let found = bySize.get(size);
    if (found === undefined) {
      found = fittingIn(size);
      bySize.set(size, found);
    }
    return found;
  };
  const readings = new TrendReadings(products.map(({ id }) => id));
  const trendsByReading = new WeakMap<Popularity, WeakMap<FittingProducts, Float64Array>>();
  const trendsOf = (fitting: FittingProducts, popularity: Popularity) => {
    let bySize = trendsByReading.get(popularity);
    if (bySize === undefined) {
      bySize = new WeakMap();
      trendsByReading.set(popularity, bySize);
    }
    let trends = bySize.get(fitting);
    if (trends === undefined) {
      const trendAt = readings.of(popularity);
      trends = Float64Array.from(fitting.entries, ({ entry }) => trendAt(entry.index));
      bySize.set(fitting, trends);
    }
    return trends;
  };
  return {
    brands: brands.values,
    ...choicesOf(entries),
    trendsOf,
    categories: categories.values,
    colors: colors.values,
    fitting,
    byNormalizedId,
    byId,
  };
}

// A newsletter ranks one catalog for every recipient: string normalizing and rule matching are
// done once per catalog (and merchandising rules) and forgotten with it.
const prepared = new WeakMap<readonly Product[], WeakMap<Merchandiser, RankingCatalog>>();

export function rankingCatalog(products: readonly Product[], merchandiser: Merchandiser): RankingCatalog {
  let byMerchandiser = prepared.get(products);
  if (byMerchandiser === undefined) {
    byMerchandiser = new WeakMap();
    prepared.set(products, byMerchandiser);
  }
  let catalog = byMerchandiser.get(merchandiser);
  if (catalog === undefined) {
    catalog = prepare(products, merchandiser);
    byMerchandiser.set(merchandiser, catalog);
  }
  return catalog;
}
