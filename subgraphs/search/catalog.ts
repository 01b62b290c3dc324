import { isAvailable, type Product } from '../../shared/catalog/product.js';
import { type TasteScorer, topValue } from '../../shared/catalog/taste.js';
import { countFacets, type Facet, matchesFilters } from './facets.js';
import { encodeCursor, type SearchRequest } from './search-input.js';
import { TextIndex } from './text-index.js';

export interface SearchPage {
  total: number;
  items: Product[];
  facets: Facet[];
  nextCursor: string | null;
}

/**
 * How much the visitor's taste weighs against text relevance (best match = 1). Enough to reorder
 * comparable matches, not to lift a poor match over a good one.
 */
const tasteWeight = 0.6;

/** The search subgraph's in-memory view of its stored catalog: text index plus filters. */
export class SearchCatalog {
  private readonly textIndex: TextIndex;

  constructor(private readonly products: readonly Product[]) {
    this.textIndex = new TextIndex(products);
  }

  private personalScore(product: Product, scorer: TasteScorer): number {
    const size = topValue(scorer.taste.sizes);
    const match = scorer.match(product, size);
    // A product the visitor cannot get in their size is worth little to them, however it looks.
    const fitsSize = size === undefined || isAvailable(product, { size }) ? 1 : 0;
    return fitsSize * (0.4 + 0.3 * match.color + 0.15 * match.brand + 0.15 * match.category);
  }

  search(request: SearchRequest, scorer?: TasteScorer): SearchPage {
    const relevance = request.query === null ? null : this.textIndex.search(request.query);
    const candidates =
      relevance === null ? this.products : this.products.filter((product) => relevance.has(product.id));
    const matching = candidates.filter((product) => matchesFilters(product, request.filters));
    const ranked = matching
      .map((product) => ({
        product,
        score:
          (relevance?.get(product.id) ?? 1) +
          (scorer === undefined ? 0 : tasteWeight * this.personalScore(product, scorer)),
      }))
      .sort((a, b) => b.score - a.score || a.product.id.localeCompare(b.product.id));
    const end = request.offset + request.first;
    return {
      total: matching.length,
      items: ranked.slice(request.offset, end).map(({ product }) => product),
      facets: countFacets(candidates, request.filters),
      nextCursor: end < matching.length ? encodeCursor(end) : null,
    };
  }
}
