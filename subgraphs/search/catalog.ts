import type { Product } from '../../shared/catalog/product.js';
import type { TasteScorer } from '../../shared/catalog/taste.js';
import { appendReason, Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { LiftOf } from '../../shared/reactions/placement-lift.js';
import { countFacets, type Facet } from './facets.js';
import { personalHit, type SearchHit, sortHits } from './hits.js';
import { type FilterTest, ProductTable } from './product-table.js';
import { describeRelaxation, type Relaxation, relaxationsOf, withoutFilters } from './relaxation.js';
import { encodeCursor, type SearchFilters, type SearchRequest } from './search-input.js';
import { ReusedArrays } from './reused-arrays.js';
import { shortlist } from './shortlist.js';
import { orderShortlist } from './shortlist-order.js';
import { scoreMatches } from './table-taste.js';
import { TextIndex } from './text-index.js';
import { FilterVocabulary } from './vocabulary.js';

export interface SearchPage {
  total: number;
  hits: SearchHit[];
  /**
   * Counted on the first call, not with the page: a query that leaves out the `facets` field
   * spares counting them over every product the words found.
   */
  facets: () => Facet[];
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
  /** The products the query found, before filters, as ascending indexes: what the facets count. */
  candidates: Int32Array;
  /** The candidates that pass the filters, ascending; borrowed (see `ReusedArrays`). */
  matching: Int32Array;
  /** Text relevance of each match, in the same order (best match 1); null without words: every one is 1. */
  relevance: Float64Array | null;
  /** The filters applied (the request's, or fewer after a relaxation), compiled for the table. */
  test: FilterTest;
}

/** The search subgraph's in-memory view of its stored catalog: text index plus filters. */
export class SearchCatalog {
  private readonly table: ProductTable;
  private readonly textIndex: TextIndex;
  private readonly vocabulary: FilterVocabulary;
  /** What SEARCH's boosts and buries multiply each product's score by, by index. */
  private readonly factors: Float64Array;
  private readonly everyProduct: Int32Array;
  private readonly arrays = new ReusedArrays();

  constructor(
    products: readonly Product[],
    private readonly merchandiser: Merchandiser = Merchandiser.none(),
  ) {
    this.table = new ProductTable(products);
    this.textIndex = new TextIndex(products);
    this.vocabulary = new FilterVocabulary(products);
    this.factors = Float64Array.from(products, (product) => merchandiser.weigh(product, 'SEARCH').factor);
    this.everyProduct = Int32Array.from(products.keys());
  }

  private match(query: string | null, filters: SearchFilters, anyWord: boolean): Matches {
    const test = this.table.compile(filters);
    const found =
      query === null
        ? { found: this.everyProduct, relevance: null }
        : this.textIndex.search(query, { anyWord });
    const matching = this.table.filter(found, test, this.arrays);
    return { candidates: found.found, matching: matching.found, relevance: matching.relevance, test };
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

  /**
   * The first `end` hits in the order asked for. Every match is scored as numbers; only the
   * shortlist that can reach those places is put in ranking order (click-through lift,
   * merchandising, pins), and only the hits shown get their reasons: the order is the one ranking
   * every match as hits would make, cut to the shortlist.
   */
  private firstHits(
    matches: Matches,
    request: SearchRequest,
    ranking: SearchRanking,
    end: number,
  ): SearchHit[] {
    const { matching, relevance } = matches;
    const scores = scoreMatches(this.table, { matching, relevance }, ranking.scorer, this.arrays);
    const { lift } = ranking;
    const liftWindow = lift != null && request.sort === 'RELEVANCE' ? Math.max(explorationWindow, end) : 0;
    const context = { placement: 'SEARCH', query: request.query } as const;
    const pins = this.merchandiser.pinsFor(context);
    const pinned = pins.flatMap((pin) =>
      pin.productIds.flatMap((id) => this.table.indexesOfNormalizedId(id)),
    );
    const positions = shortlist(
      { table: this.table, matching, scores, factors: this.factors },
      { sort: request.sort, count: end, liftWindow, pinned },
      this.arrays,
    );
    const { order, final, liftReasons, pinReasons } = orderShortlist(
      { table: this.table, matching, scores, factors: this.factors, positions },
      lift != null && liftWindow > 0 ? { of: lift, window: liftWindow } : null,
      pins,
    );
    // Relevance keeps the ranking order: only the page's hits are made. A shopper's sort
    // reorders the whole shortlist.
    const shown = request.sort === 'RELEVANCE' ? order.slice(0, end) : order;
    const hits = shown.map((position): SearchHit => {
      const product = this.table.products[matching[position] as number] as Product;
      const hit = personalHit(
        product,
        relevance === null ? 1 : (relevance[position] as number),
        ranking.scorer,
      );
      const liftReason = liftReasons.get(position);
      if (liftReason !== undefined) hit.reasons.push(liftReason);
      for (const reason of this.merchandiser.weigh(product, 'SEARCH').reasons)
        appendReason(hit.reasons, reason);
      for (const reason of pinReasons.get(position) ?? []) appendReason(hit.reasons, reason);
      return { ...hit, score: final.get(position) as number };
    });
    return sortHits(hits, request.sort).slice(0, end);
  }

  search(request: SearchRequest, ranking: SearchRanking = {}): SearchPage {
    this.vocabulary.check(request.filters);
    const matches = this.matchOrRelax(request);
    const end = request.offset + request.first;
    const total = matches.matching.length;
    const { relaxation } = matches;
    let facets: Facet[] | undefined;
    return {
      total,
      hits: this.firstHits(matches, request, ranking, end).slice(request.offset),
      facets: () => {
        facets ??= countFacets(this.table, matches.candidates, matches.test);
        return facets;
      },
      nextCursor: end < total ? encodeCursor(end) : null,
      relaxation: relaxation === null ? null : { ...relaxation, message: describeRelaxation(relaxation) },
    };
  }
}
