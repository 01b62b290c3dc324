import { normalizeAttribute } from '../shared/catalog/product.js';
import type { Placement } from '../shared/touchpoints.js';

/** A product as a list showed it, with what the checks need. */
export interface ShownProduct {
  id: string;
  category: string;
  brand: string;
  ownBrand: boolean;
  variants: { size: string; color: string; stock: number }[];
}

/** One list a synthetic visitor was shown, with what the visitor had told the shop by then. */
export interface ShownList {
  visitor: number;
  /**
   * `newsletter`: the products of `newsletter(campaignId: "weekly")`, at placement NEWSLETTER;
   * `search`: the first page of the visitor's filtered search, at placement SEARCH.
   */
  source: 'recommendations' | 'newsletter' | 'search';
  placement: Placement;
  /** The product on the page (PRODUCT_DETAIL) or in the cart (CART). */
  anchor: string | null;
  /** The visitor's size, which every search of the visitor filtered for. */
  size: string;
  /** What the visitor had bought before the list was asked for. */
  bought: readonly string[];
  /** For PRODUCT_DETAIL after a filtered search and a click: the colour filtered for. */
  filterColor: string | null;
  products: ShownProduct[];
}

/** Before a click: was the clicked product among the top 10 of each ranking? */
export interface NextClick {
  clicked: string;
  recommended: string[];
  popular: string[];
}

/** One play of the population on one system. */
export interface PlayedRun {
  lists: ShownList[];
  nextClicks: NextClick[];
  /** Recommended products shown (each IMPRESSION counts every product of the list) and clicked. */
  impressions: number;
  recommendationClicks: number;
}

/** In stock, as the list showed it, in `size` (and `color` when given); compared as the services do. */
export function availableIn(product: ShownProduct, size: string, color?: string): boolean {
  const wantedSize = normalizeAttribute(size);
  const wantedColor = color === undefined ? undefined : normalizeAttribute(color);
  return product.variants.some(
    (variant) =>
      variant.stock > 0 &&
      normalizeAttribute(variant.size) === wantedSize &&
      (wantedColor === undefined || normalizeAttribute(variant.color) === wantedColor),
  );
}
