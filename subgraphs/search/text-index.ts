import MiniSearch, { type Query } from 'minisearch';
import type { Product } from '../../shared/catalog/product.js';
import { compoundWords, processGermanTerm, tokenizeGerman } from './german.js';

interface IndexedProduct {
  id: string;
  title: string;
  brand: string;
  category: string;
  colors: string;
  description: string;
}

/**
 * Every word of the query must match; a hyphenated one ("Lauf-Hose") as the joined compound or
 * with all its parts. ANDing parts and compound as plain tokens would miss "Laufhose", which
 * has no "hose" of its own.
 */
function queryOf(text: string): Query {
  return {
    combineWith: 'AND',
    queries: compoundWords(text).map((parts) =>
      parts.length === 1
        ? parts.join('')
        : { combineWith: 'OR', queries: [parts.join(''), { combineWith: 'AND', queries: parts }] },
    ),
  };
}

/** Full-text index over the catalog (MiniSearch), with German term processing. */
export class TextIndex {
  private readonly index = new MiniSearch<IndexedProduct>({
    fields: ['title', 'brand', 'category', 'colors', 'description'],
    tokenize: tokenizeGerman,
    processTerm: processGermanTerm,
    searchOptions: {
      boost: { title: 3, brand: 2, category: 2, colors: 1.5 },
      combineWith: 'AND',
      // Prefixes find compounds being typed ("lauf" → "Laufhose"); fuzziness forgives a typo.
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  });

  constructor(products: readonly Product[]) {
    this.index.addAll(
      products.map((product) => ({
        id: product.id,
        title: product.title,
        brand: product.brand,
        category: `${product.category} ${product.categoryPath.join(' ')}`,
        colors: product.colors.join(' '),
        description: product.description,
      })),
    );
  }

  /** Relevance per matching product id, the best match scoring 1. */
  search(query: string): Map<string, number> {
    const results = this.index.search(queryOf(query));
    const best = results[0]?.score ?? 1;
    return new Map(results.map((result) => [String(result.id), result.score / best]));
  }
}
