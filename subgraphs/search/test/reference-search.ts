import { normalizeAttribute, type Product } from '../../../shared/catalog/product.js';
import type { Merchandiser } from '../../../shared/merchandising/merchandiser.js';
import type { SearchPage, SearchRanking } from '../catalog.js';
import { type Facet, type FacetField, facetFields, sortFacetValues } from '../facets.js';
import { priceBandOf } from '../price-bands.js';
import { personalHit, type SearchHit, sortHits } from '../hits.js';
import { describeRelaxation, relaxationsOf, withoutFilters } from '../relaxation.js';
import { encodeCursor, type SearchFilters, type SearchRequest } from '../search-input.js';
import type { ReferenceTextIndex } from './reference-text-index.js';

/**
 * The search as first written: MiniSearch's own search, every match scored, arranged and
 * sorted, every candidate's facets counted product by product. Slow on a large catalog, plain to read: the oracle that
 * SearchCatalog's selective search must equal, hit for hit and count for count.
 */

function variantValues(product: Product, filters: SearchFilters, except?: FacetField) {
  const sizes = except === 'size' ? new Set<string>() : filters.sizes;
  const colors = except === 'color' ? new Set<string>() : filters.colors;
  const result = { sizes: new Set<string>(), colors: new Set<string>() };
  for (const variant of product.variants) {
    if (variant.stock <= 0) continue;
    if (sizes.size > 0 && !sizes.has(normalizeAttribute(variant.size))) continue;
    if (colors.size > 0 && !colors.has(normalizeAttribute(variant.color))) continue;
    result.sizes.add(variant.size);
    result.colors.add(variant.color);
  }
  return result.sizes.size === 0 ? null : result;
}

function matchesFilters(product: Product, filters: SearchFilters, except?: FacetField): boolean {
  if (except !== 'brand' && filters.brands.size > 0 && !filters.brands.has(normalizeAttribute(product.brand)))
    return false;
  if (
    except !== 'category' &&
    filters.categories.size > 0 &&
    !filters.categories.has(normalizeAttribute(product.category))
  )
    return false;
  if (except !== 'price') {
    if (filters.priceMin !== null && product.price < filters.priceMin) return false;
    if (filters.priceMax !== null && product.price > filters.priceMax) return false;
  }
  const constrainsVariants =
    (except !== 'size' && filters.sizes.size > 0) || (except !== 'color' && filters.colors.size > 0);
  return !constrainsVariants || variantValues(product, filters, except) !== null;
}

function countFacets(products: readonly Product[], filters: SearchFilters): Facet[] {
  return facetFields.map((field) => {
    const counts = new Map<string, number>();
    const bump = (value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const product of products) {
      if (!matchesFilters(product, filters, field)) continue;
      if (field === 'size' || field === 'color') {
        const values = variantValues(product, filters, field);
        for (const value of (field === 'size' ? values?.sizes : values?.colors) ?? []) bump(value);
      } else if (field === 'brand') bump(product.brand);
      else if (field === 'category') bump(product.category);
      else bump(priceBandOf(product.price));
    }
    return { field, values: sortFacetValues(field, counts) };
  });
}

const explorationWindow = 200;

export function referenceSearch(
  products: readonly Product[],
  textIndex: ReferenceTextIndex,
  merchandiser: Merchandiser,
  request: SearchRequest,
  ranking: SearchRanking = {},
): SearchPage {
  const match = (query: string | null, filters: SearchFilters, anyWord: boolean) => {
    const relevance = query === null ? null : textIndex.search(query, { anyWord });
    const candidates =
      relevance === null ? products : products.filter((product) => relevance.has(product.id));
    const matching = candidates.filter((product) => matchesFilters(product, filters));
    return { relevance, candidates, matching, filters };
  };
  let matches = {
    ...match(request.query, request.filters, false),
    relaxation: null as ReturnType<typeof relaxationsOf>[number] | null,
  };
  if (matches.matching.length === 0 && request.relax) {
    for (const relaxation of relaxationsOf(request)) {
      const relaxed = match(
        relaxation.query,
        withoutFilters(request.filters, relaxation.droppedFilters),
        relaxation.anyWord,
      );
      if (relaxed.matching.length > 0) {
        matches = { ...relaxed, relaxation };
        break;
      }
    }
  }
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
  const context = { placement: 'SEARCH', query: request.query } as const;
  const ranked: SearchHit[] = ([2, 1, 0] as const).flatMap((fit) =>
    merchandiser.arrange(
      scored.filter((hit) => hit.fit === fit),
      context,
    ),
  );
  const hits = sortHits(ranked, request.sort);
  const end = request.offset + request.first;
  const { relaxation } = matches;
  const facets = countFacets(matches.candidates, matches.filters);
  return {
    total: matches.matching.length,
    hits: hits.slice(request.offset, end),
    facets: () => facets,
    nextCursor: end < hits.length ? encodeCursor(end) : null,
    relaxation: relaxation === null ? null : { ...relaxation, message: describeRelaxation(relaxation) },
  };
}
