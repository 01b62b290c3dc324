import type { Variant } from '../../shared/catalog/product.js';
import { type Taste, TasteScorer } from '../../shared/catalog/taste.js';
import type { SearchContext } from './context.js';
import { parseSearchInput, type SearchInput } from './search-input.js';

interface VisitorWithTaste {
  id: string;
  preferences: Taste;
}

export const resolvers = {
  Query: {
    product: (_: unknown, { id }: { id: string }, { loaders }: SearchContext) => loaders.product.load(id),
    search: (_: unknown, { input }: { input: SearchInput }, { services }: SearchContext) =>
      services.catalog.search(parseSearchInput(input)),
  },
  Product: {
    __resolveReference: ({ id }: { id: string }, { loaders }: SearchContext) => loaders.product.load(id),
  },
  Variant: {
    inStock: (variant: Variant) => variant.stock > 0,
  },
  Visitor: {
    search: (visitor: VisitorWithTaste, { input }: { input: SearchInput }, { services }: SearchContext) =>
      services.catalog.search(parseSearchInput(input), new TasteScorer(visitor.preferences)),
  },
};
