import { type TasteScorer, topValue } from '../../shared/catalog/taste.js';
import { personalScore } from './hits.js';
import type { ProductTable } from './product-table.js';
import type { ReusedArrays } from './reused-arrays.js';
import type { ValueNumbers } from '../../shared/catalog/value-numbers.js';

/** Every match's score and fit tier for one visitor (`personalHit` without the reasons); borrowed. */
export interface TableScores {
  score: Float64Array;
  fit: Uint8Array;
}

function shares(numbers: ValueNumbers, share: (normalized: string) => number): Float64Array {
  return Float64Array.from(numbers.values, share);
}

/**
 * One visitor's taste read against the table, to score every match of a search without a string
 * compared or a variant read: which products the visitor can buy in their size, in their size and
 * colour, and in each colour they like (best liked first) are sets of products, asked once each.
 * The score and the fit tier are `personalHit`'s, bit for bit: the page's hits are then made by
 * `personalHit` itself, with their reasons.
 */
export function scoreMatches(
  table: ProductTable,
  /** Product indexes, and their text relevance in the same order (null: 1 each). */
  { matching, relevance }: { matching: Int32Array; relevance: Float64Array | null },
  scorer: TasteScorer | undefined,
  arrays: ReusedArrays,
): TableScores {
  const score = arrays.float64('score', matching.length);
  const fit = arrays.uint8('fit', matching.length);
  if (scorer === undefined) {
    if (relevance === null) score.fill(1);
    else score.set(relevance);
    fit.fill(2);
    return { score, fit };
  }
  const topSize = topValue(scorer.taste.sizes);
  const topColor = topValue(scorer.taste.colors);
  // Null: the visitor has no top size (every size is theirs), or no top colour.
  const sizes = topSize === undefined ? null : table.spellingsOf('size', topSize);
  const inTopSize = sizes === null ? null : table.inSizesAndColors(sizes, null);
  const inTopSizeAndColor =
    topColor === undefined ? null : table.inSizesAndColors(sizes, table.spellingsOf('color', topColor));
  // A colour counts with its share when the product is in stock in it (in the top size, if any).
  const likedColors = table.colors.values
    .map((color) => ({ color, share: scorer.colorShare(color) }))
    .filter(({ share }) => share > 0)
    .sort((a, b) => b.share - a.share)
    .map(({ color, share }) => ({
      share,
      products: table.inSizesAndColors(sizes, table.spellingsOf('color', color)),
    }));
  const brandShares = shares(table.brands, (brand) => scorer.brandShare(brand));
  const categoryShares = shares(table.categories, (category) => scorer.categoryShare(category));
  const { brand, category } = table;
  for (let position = 0; position < matching.length; position += 1) {
    const index = matching[position] as number;
    const fitsSize = inTopSize === null || inTopSize.has(index);
    const fitsColor = inTopSizeAndColor === null || inTopSizeAndColor.has(index);
    let color = 0;
    for (const liked of likedColors) {
      if (liked.products.has(index)) {
        color = liked.share;
        break;
      }
    }
    score[position] = personalScore(
      relevance === null ? 1 : (relevance[position] as number),
      fitsSize,
      color,
      brandShares[brand[index] as number] as number,
      categoryShares[category[index] as number] as number,
    );
    fit[position] = fitsSize ? (fitsColor ? 2 : 1) : 0;
  }
  return { score, fit };
}
