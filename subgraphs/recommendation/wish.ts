import { type Taste, topValue } from '../../shared/catalog/taste.js';

export interface LastSearch {
  sizes: string[];
  colors: string[];
  at: string | Date;
}

/** What the visitor is after right now: the sizes every recommendation must be in, colours to lead with. */
export interface Wish {
  sizes: string[];
  colors: string[];
}

/** A filter older than this no longer says what the visitor is shopping for today. */
const sessionMs = 2 * 60 * 60 * 1_000;

/**
 * The size the visitor just filtered for beats the one they usually wear: someone buying for a
 * friend filters for the friend's size. Without a recent filter, the profile's top size counts.
 */
export function wishOf(taste: Taste, lastSearch: LastSearch | null | undefined, now: Date): Wish {
  const recent = lastSearch != null && now.getTime() - new Date(lastSearch.at).getTime() <= sessionMs;
  const topSize = topValue(taste.sizes);
  const topColor = topValue(taste.colors);
  return {
    sizes: recent && lastSearch.sizes.length > 0 ? lastSearch.sizes : topSize === undefined ? [] : [topSize],
    colors:
      recent && lastSearch.colors.length > 0 ? lastSearch.colors : topColor === undefined ? [] : [topColor],
  };
}
