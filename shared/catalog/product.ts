/**
 * The shop's product as every service sees it after reading the feed: one product per
 * `item_group_id`, one variant per feed row (a size in a colour, with its own stock).
 */
export interface Variant {
  sku: string;
  size: string;
  color: string;
  stock: number;
}

export interface Product {
  id: string;
  title: string;
  description: string;
  brand: string;
  category: string;
  /** The full `product_type` path, e.g. `Bekleidung > Hosen > Laufhosen`. */
  categoryPath: string[];
  gender: string | null;
  /** What the visitor pays now: the sale price when there is one. */
  price: number;
  regularPrice: number;
  currency: string;
  ownBrand: boolean;
  url: string | null;
  imageUrl: string | null;
  /** Distinct variant colours in feed order. */
  colors: string[];
  variants: Variant[];
  /** Free-form merchandising labels (`custom_label_0..4`), lower-cased. */
  labels: string[];
  /**
   * When the product first appeared in the feed, as the service's store saw it: what "newest"
   * sorts by, since the feed format has no such date. Unset until the store imported it.
   */
  listedAt?: Date;
}

/** Sizes and colours are compared case-insensitively everywhere: "xl" is "XL", "Blau" is "blau". */
export function normalizeAttribute(value: string): string {
  return value.trim().toLowerCase();
}

export interface VariantWish {
  size?: string | undefined;
  color?: string | undefined;
}

/** A variant the visitor could buy now: in stock, in the wished size and colour where given. */
export function matchingVariants(product: Product, wish: VariantWish): Variant[] {
  const size = wish.size === undefined ? undefined : normalizeAttribute(wish.size);
  const color = wish.color === undefined ? undefined : normalizeAttribute(wish.color);
  return product.variants.filter(
    (variant) =>
      variant.stock > 0 &&
      (size === undefined || normalizeAttribute(variant.size) === size) &&
      (color === undefined || normalizeAttribute(variant.color) === color),
  );
}

export function isAvailable(product: Product, wish: VariantWish): boolean {
  return matchingVariants(product, wish).length > 0;
}
