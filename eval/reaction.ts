import { availableIn, type ShownProduct } from './observations.js';
import type { HiddenTaste } from './population.js';

/**
 * How likely a visitor clicks a recommended product: its appeal, scaled by how well it meets the
 * visitor's hidden taste and by how far down the list it is (fewer look at lower places, the
 * DCG discount). Position matters, so a ranking that learns appeal gets more clicks from the
 * same products.
 */
export function clickProbability(
  taste: HiddenTaste,
  product: ShownProduct,
  appeal: number,
  position: number,
): number {
  const wearableColor = taste.colors.some((color) => availableIn(product, taste.size, color));
  const fit =
    0.25 +
    0.25 * Number(taste.categories.includes(product.category)) +
    0.25 * Number(wearableColor) +
    0.25 * Number(taste.brands.includes(product.brand));
  return (appeal * fit) / Math.log2(position + 2);
}
