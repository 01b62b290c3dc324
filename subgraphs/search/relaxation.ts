import type { SearchFilters, SearchRequest } from './search-input.js';

/** Filters a relaxed search may drop, least telling first. Sizes are never dropped: a product the visitor cannot wear is no rescue. */
const droppable = ['priceRange', 'brands', 'colors', 'categories'] as const;
export type DroppableFilter = (typeof droppable)[number];

/** How a search that found nothing was loosened to find something. */
export interface Relaxation {
  /** The query searched; null when the words were dropped. */
  query: string | null;
  /** Some words of the query were enough, and typos were forgiven more freely. */
  anyWord: boolean;
  droppedFilters: DroppableFilter[];
}

function isSet(filters: SearchFilters, filter: DroppableFilter): boolean {
  return filter === 'priceRange'
    ? filters.priceMin !== null || filters.priceMax !== null
    : filters[filter].size > 0;
}

export function withoutFilters(filters: SearchFilters, dropped: readonly DroppableFilter[]): SearchFilters {
  const relaxed = { ...filters };
  for (const filter of dropped) {
    if (filter === 'priceRange') {
      relaxed.priceMin = null;
      relaxed.priceMax = null;
    } else {
      relaxed[filter] = new Set();
    }
  }
  return relaxed;
}

/**
 * The relaxations to try, in order, for a request that found nothing: any word of the query
 * first (the filters still hold), then the filters dropped one by one, then the words dropped.
 * The first that finds products is the answer.
 */
export function relaxationsOf(request: SearchRequest): Relaxation[] {
  const steps: Relaxation[] = [];
  const setFilters = droppable.filter((filter) => isSet(request.filters, filter));
  if (request.query !== null) steps.push({ query: request.query, anyWord: true, droppedFilters: [] });
  for (let count = 1; count <= setFilters.length; count += 1) {
    const droppedFilters = setFilters.slice(0, count);
    if (request.query !== null) steps.push({ query: request.query, anyWord: false, droppedFilters });
    steps.push({ query: request.query, anyWord: request.query !== null, droppedFilters });
  }
  if (request.query !== null) steps.push({ query: null, anyWord: false, droppedFilters: [] });
  return steps;
}

/** The relaxation in a shopper's words. */
export function describeRelaxation(relaxation: Relaxation): string {
  const filterNames: Record<DroppableFilter, string> = {
    priceRange: 'price range',
    brands: 'brand',
    colors: 'colour',
    categories: 'category',
  };
  const parts: string[] = [];
  if (relaxation.query === null) parts.push('without the search words');
  else if (relaxation.anyWord) parts.push('with some of the search words');
  if (relaxation.droppedFilters.length > 0) {
    parts.push(
      `without the ${relaxation.droppedFilters.map((filter) => filterNames[filter]).join(', ')} filter`,
    );
  }
  return `Nothing matched exactly; showing results ${parts.join(' and ')}.`;
}
