import { isAvailable, type Product } from '../../shared/catalog/product.js';
import { type TasteScorer, topValue } from '../../shared/catalog/taste.js';
import type { SearchSort } from './search-input.js';

/** A product found, with how it ranked and why: the rules and signals that moved it. */
export interface SearchHit {
  product: Product;
  score: number;
  reasons: string[];
  /**
   * How closely the product fits what the visitor wears and looks for: 2 in their top size and
   * top colour, 1 in their size, 0 not in their size. Higher tiers come first, whatever the
   * merchandising rules say: the last filter is remembered.
   */
  fit: 0 | 1 | 2;
}

/**
 * How much the visitor's taste weighs against text relevance (best match = 1). Enough to reorder
 * comparable matches, not to lift a poor match over a good one.
 */
const tasteWeight = 0.6;

/** Relevance plus the visitor's taste: colour, brand and category shares from 0 to 1. */
export function personalScore(
  relevance: number,
  fitsSize: boolean,
  color: number,
  brand: number,
  category: number,
): number {
  // A product the visitor cannot get in their size is worth little to them, however it looks.
  const personal = fitsSize ? 0.4 + 0.3 * color + 0.15 * brand + 0.15 * category : 0;
  return relevance + tasteWeight * personal;
}

/** Relevance plus the visitor's taste, with the reasons a shopper would read. */
export function personalHit(product: Product, relevance: number, scorer: TasteScorer | undefined): SearchHit {
  if (scorer === undefined) return { product, score: relevance, reasons: [], fit: 2 };
  const size = topValue(scorer.taste.sizes);
  const match = scorer.match(product, size);
  const fitsSize = size === undefined || isAvailable(product, { size });
  const reasons: string[] = [];
  if (size !== undefined && fitsSize) reasons.push(`In stock in your size ${size}`);
  if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
  if (match.brand > 0) reasons.push(`From ${product.brand}, a brand you like`);
  const color = topValue(scorer.taste.colors);
  const fitsColor = color === undefined || isAvailable(product, { size, color });
  const fit = fitsSize ? (fitsColor ? 2 : 1) : 0;
  return {
    product,
    score: personalScore(relevance, fitsSize, match.color, match.brand, match.category),
    reasons,
    fit,
  };
}

const byId = (a: SearchHit, b: SearchHit) => a.product.id.localeCompare(b.product.id);
const listedAt = (hit: SearchHit) => hit.product.listedAt?.getTime() ?? 0;

/**
 * Hits in the order the shopper asked for. Relevance keeps the order ranking and merchandising
 * made (pins included); a price or date order is the shopper's explicit wish and beats both,
 * the score only breaking ties.
 */
export function sortHits(hits: readonly SearchHit[], sort: SearchSort): SearchHit[] {
  switch (sort) {
    case 'RELEVANCE':
      return [...hits];
    case 'PRICE_ASC':
      return [...hits].sort((a, b) => a.product.price - b.product.price || b.score - a.score || byId(a, b));
    case 'PRICE_DESC':
      return [...hits].sort((a, b) => b.product.price - a.product.price || b.score - a.score || byId(a, b));
    case 'NEWEST':
      return [...hits].sort((a, b) => listedAt(b) - listedAt(a) || b.score - a.score || byId(a, b));
    default: {
      const unreachable: never = sort;
      throw new Error(`unhandled sort ${String(unreachable)}`);
    }
  }
}
