import type { Product } from '../../shared/catalog/product.js';
import type { TasteScorer } from '../../shared/catalog/taste.js';
import { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { LiftOf } from '../../shared/reactions/placement-lift.js';
import { countFacets, type Facet, matchesFilters } from './facets.js';
import { personalHit, type SearchHit, sortHits } from './hits.js';
import { describeRelaxation, type Relaxation, relaxationsOf, withoutFilters } from './relaxation.js';
import { encodeCursor, type SearchFilters, type SearchRequest } from './search-input.js';
import { TextIndex } from './text-index.js';
import { FilterVocabulary } from './vocabulary.js';

export interface SearchPage {
  total: number;
  hits: SearchHit[];
  facets: Facet[];
  nextCursor: string | null;
  /** Set when nothing matched as asked and a relaxed search found these instead. */
  relaxation: (Relaxation & { message: string }) | null;
}

/** What turns a match list into this visitor's order. */
export interface SearchRanking {
  scorer?: TasteScorer | undefined;
  /** Click-through lift learned at the SEARCH placement; null while nothing is learned there. */
  lift?: LiftOf | null | undefined;
}

/**
 * Thompson sampling reorders the head of the list, where a visitor looks; sampling every match
 * of a 50,000-product catalog would cost more than it could change.
 */
const explorationWindow = 200;

interface Matches {
  relevance: Map<string, number> | null;
  /** The products the query found, before filters: what the facets count. */
  candidates: readonly Product[];
  matching: Product[];
  /** The filters applied: the request's, or fewer after a relaxation. */
  filters: SearchFilters;
}

/** The search subgraph's in-memory view of its stored catalog: text index plus filters. */
export class SearchCatalog {
  private readonly textIndex: TextIndex;
  private readonly vocabulary: FilterVocabulary;

  constructor(
    private readonly products: readonly Product[],
    private readonly merchandiser: Merchandiser = Merchandiser.none(),
  ) {
    this.textIndex = new TextIndex(products);
    this.vocabulary = new FilterVocabulary(products);
  }

  private match(query: string | null, filters: SearchFilters, anyWord: boolean): Matches {
    const relevance = query === null ? null : this.textIndex.search(query, { anyWord });
    const candidates =
      relevance === null ? this.products : this.products.filter((product) => relevance.has(product.id));
    const matching = candidates.filter((product) => matchesFilters(product, filters));
    return { relevance, candidates, matching, filters };
  }

  /** Matches as asked, or else the first relaxation that finds anything. */
  private matchOrRelax(request: SearchRequest): Matches & { relaxation: Relaxation | null } {
    const exact = this.match(request.query, request.filters, false);
    if (exact.matching.length > 0 || !request.relax) return { ...exact, relaxation: null };
    for (const relaxation of relaxationsOf(request)) {
      const filters = withoutFilters(request.filters, relaxation.droppedFilters);
      const relaxed = this.match(relaxation.query, filters, relaxation.anyWord);
      if (relaxed.matching.length > 0) return { ...relaxed, relaxation };
    }
    return { ...exact, relaxation: null };
  }

  private rank(matches: Matches, request: SearchRequest, ranking: SearchRanking): SearchHit[] {
    const scored = matches.matching
      .map((product) => personalHit(product, matches.relevance?.get(product.id) ?? 1, ranking.scorer))
      .sort((a, b) => b.score - a.score || a.product.id.localeCompare(b.product.id));
    const { lift } = ranking;
    if (lift != null && request.sort === 'RELEVANCE') {
      for (const hit of scored.slice(0, Math.max(explorationWindow, request.offset + request.first))) {
        const { lift: factor, reason } = lift(hit.product.id);
        hit.score *= factor;
        if (reason !== null) hit.reasons.push(reason);
      }
    }
    // What the visitor wears and looks for decides first: neither a boost nor a pin puts a
    // product on top that the visitor cannot buy in their size and colour.
    const context = { placement: 'SEARCH', query: request.query } as const;
    return ([2, 1, 0] as const).flatMap((fit) =>
      this.merchandiser.arrange(
        scored.filter((hit) => hit.fit === fit),
        context,
      ),
    );
  }

  search(request: SearchRequest, ranking: SearchRanking = {}): SearchPage {
    this.vocabulary.check(request.filters);
    const matches = this.matchOrRelax(request);
    const hits = sortHits(this.rank(matches, request, ranking), request.sort);
    const end = request.offset + request.first;
    const { relaxation } = matches;
    return {
      total: matches.matching.length,
      hits: hits.slice(request.offset, end),
      facets: countFacets(matches.candidates, matches.filters),
      nextCursor: end < hits.length ? encodeCursor(end) : null,
      relaxation: relaxation === null ? null : { ...relaxation, message: describeRelaxation(relaxation) },
    };
  }
}
