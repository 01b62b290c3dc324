import { normalizeAttribute } from '../../shared/catalog/product.js';
import { badUserInput } from '../../shared/graphql/errors.js';

export interface SearchFiltersInput {
  sizes?: string[] | null;
  colors?: string[] | null;
  brands?: string[] | null;
  categories?: string[] | null;
  priceMin?: number | null;
  priceMax?: number | null;
}

export const searchSorts = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST'] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchInput {
  query?: string | null;
  filters?: SearchFiltersInput | null;
  first?: number | null;
  after?: string | null;
  sort?: SearchSort | null;
  relax?: boolean | null;
}

/** Filter values normalized for comparison; an empty set means "any". */
export interface SearchFilters {
  sizes: Set<string>;
  colors: Set<string>;
  brands: Set<string>;
  categories: Set<string>;
  priceMin: number | null;
  priceMax: number | null;
}

export interface SearchRequest {
  query: string | null;
  filters: SearchFilters;
  first: number;
  offset: number;
  sort: SearchSort;
  /** When nothing matches: search again with a relaxed query rather than answer an empty page. */
  relax: boolean;
}

export const searchLimits = { queryLength: 200, filterValues: 50, pageSize: 100, maxOffset: 10_000 };

function valueSet(values: string[] | null | undefined, name: string): Set<string> {
  if (values == null) return new Set();
  if (values.length > searchLimits.filterValues) {
    throw badUserInput(
      `input.filters.${name} has more than ${searchLimits.filterValues} values`,
      `input.filters.${name}`,
    );
  }
  return new Set(values.map(normalizeAttribute));
}

function price(value: number | null | undefined, name: string): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0) {
    throw badUserInput(`input.filters.${name} must be 0 or more, got ${value}`, `input.filters.${name}`);
  }
  return value;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match === null ? Number.NaN : Number(match[1]);
  if (!Number.isInteger(offset) || offset > searchLimits.maxOffset) {
    throw badUserInput('input.after is not a cursor this search returned', 'input.after');
  }
  return offset;
}

/** Checks a `SearchInput` from a caller; every error names the argument at fault. */
export function parseSearchInput(input: SearchInput): SearchRequest {
  const query = input.query?.trim() ?? '';
  if (query.length > searchLimits.queryLength) {
    throw badUserInput(
      `input.query is ${query.length} characters long, at most ${searchLimits.queryLength} are searched`,
      'input.query',
    );
  }
  const first = input.first ?? 24;
  if (!Number.isInteger(first) || first < 1 || first > searchLimits.pageSize) {
    throw badUserInput(`input.first must be from 1 to ${searchLimits.pageSize}, got ${first}`, 'input.first');
  }
  const filters = input.filters ?? {};
  const priceMin = price(filters.priceMin, 'priceMin');
  const priceMax = price(filters.priceMax, 'priceMax');
  if (priceMin !== null && priceMax !== null && priceMin > priceMax) {
    throw badUserInput(
      `input.filters.priceMin ${priceMin} is above priceMax ${priceMax}`,
      'input.filters.priceMin',
    );
  }
  return {
    query: query === '' ? null : query,
    filters: {
      sizes: valueSet(filters.sizes, 'sizes'),
      colors: valueSet(filters.colors, 'colors'),
      brands: valueSet(filters.brands, 'brands'),
      categories: valueSet(filters.categories, 'categories'),
      priceMin,
      priceMax,
    },
    first,
    offset: input.after == null ? 0 : decodeCursor(input.after),
    sort: input.sort ?? 'RELEVANCE',
    relax: input.relax ?? true,
  };
}
