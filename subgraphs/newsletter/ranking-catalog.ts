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
  /** In feed order, as numbers in `colors`. */
  colorNumbers: readonly number[];
  /** The same colours as the catalog spells them, for the reason shown. */
  colorNames: readonly string[];
}

/**
 * The products that can be bought in one size. The entries' merchandising factors and tie ranks
 * are copied into typed arrays too: ranking compares them thousands of times per recipient.
 */
export interface FittingProducts {
  entries: readonly FittingEntry[];
  factor: Float64Array;
  tieRank: Int32Array;
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
    const fitting = entries.flatMap((entry): FittingEntry[] => {
      const variants = entry.product.variants.filter(
        (variant) => variant.stock > 0 && (size === undefined || normalizeAttribute(variant.size) === size),
      );
      if (variants.length === 0) return [];
      return [
        {
          entry,
          colorNumbers: variants.map((variant) => colors.numberOf(normalizeAttribute(variant.color))),
          colorNames: variants.map((variant) => variant.color),
        },
      ];
    });
    return {
      entries: fitting,
      factor: Float64Array.from(fitting, ({ entry }) => entry.weight.factor),
      tieRank: Int32Array.from(fitting, ({ entry }) => entry.tieRank),
    };
  };
  // Per size on first use: a shop sells a few dozen sizes, and every recipient has one. Only
  // sizes the catalog has are kept, so that odd sizes from visitors cannot grow the map.
  const bySize = new Map<string | undefined, FittingProducts>();
  const nothingFits: FittingProducts = { entries: [], factor: new Float64Array(), tieRank: new Int32Array() };
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
