import type { Variant } from '../../shared/catalog/product.js';
import { rankingSeed } from '../../shared/reactions/signals.js';
import { type Taste, TasteScorer } from '../../shared/catalog/taste.js';
import type { SearchPage } from './catalog.js';
import type { SearchContext } from './context.js';
import { parseSearchInput, type SearchInput, type SearchRequest } from './search-input.js';

interface VisitorWithTaste {
  id: string;
  preferences: Taste;
}

/** The page as the schema has it: products as entity references, hits with theirs. */
function searchResult(page: SearchPage) {
  return {
    total: page.total,
    items: page.hits.map(({ product }) => product),
    hits: page.hits,
    countFacets: page.facets,
    nextCursor: page.nextCursor,
    relaxation: page.relaxation,
  };
}

/** One seed per visitor and search: its pages draw the same samples and fit together. */
function searchSeed(request: SearchRequest, visitorId: string | null): number {
  const { filters } = request;
  return rankingSeed(
    visitorId,
    request.query,
    [...filters.sizes, '|', ...filters.colors, '|', ...filters.brands, '|', ...filters.categories].join(','),
    `${filters.priceMin}-${filters.priceMax}`,
  );
}

export const resolvers = {
  Query: {
    product: (_: unknown, { id }: { id: string }, { loaders }: SearchContext) => loaders.product.load(id),
    search: (_: unknown, { input }: { input: SearchInput }, { services }: SearchContext) => {
      const request = parseSearchInput(input);
      return searchResult(
        services.catalog.search(request, {
          lift: services.signals.liftAt('SEARCH', searchSeed(request, null)),
        }),
      );
    },
  },
  Product: {
    __resolveReference: ({ id }: { id: string }, { loaders }: SearchContext) => loaders.product.load(id),
  },
  SearchResult: {
    // Counted only for a query that selects them.
    facets: (result: ReturnType<typeof searchResult>) => result.countFacets(),
  },
  Variant: {
    inStock: (variant: Variant) => variant.stock > 0,
  },
  Visitor: {
    search: (visitor: VisitorWithTaste, { input }: { input: SearchInput }, { services }: SearchContext) => {
      const request = parseSearchInput(input);
      return searchResult(
        services.catalog.search(request, {
          scorer: new TasteScorer(visitor.preferences),
          lift: services.signals.liftAt('SEARCH', searchSeed(request, visitor.id)),
        }),
      );
    },
  },
};
