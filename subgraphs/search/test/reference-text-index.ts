import MiniSearch, { type Query } from 'minisearch';
import type { Product } from '../../../shared/catalog/product.js';
import { CompoundHeads, compoundWords, processGermanTerm, tokenizeGerman } from '../german.js';

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

const fields = ['title', 'brand', 'category', 'colors', 'description'] as const;

function documentOf(product: Product): IndexedProduct {
  return {
    id: product.id,
    title: product.title,
    brand: product.brand,
    category: `${product.category} ${product.categoryPath.join(' ')}`,
    colors: product.colors.join(' '),
    description: product.description,
  };
}

/** Every stem the catalog's texts contain: the words compounds may end in. */
function vocabularyOf(documents: readonly IndexedProduct[]): Set<string> {
  const stems = new Set<string>();
  for (const document of documents) {
    for (const field of fields) {
      for (const token of tokenizeGerman(document[field])) {
        const stem = processGermanTerm(token);
        if (stem !== null) stems.add(stem);
      }
    }
  }
  return stems;
}

/**
 * The text index as first written, on MiniSearch's own search: the oracle that TextIndex's
 * precomputed scores must equal, product for product and bit for bit.
 */
export class ReferenceTextIndex {
  private readonly index: MiniSearch<IndexedProduct>;

  constructor(products: readonly Product[]) {
    const documents = products.map(documentOf);
    const heads = new CompoundHeads(vocabularyOf(documents));
    this.index = new MiniSearch<IndexedProduct>({
      fields: [...fields],
      tokenize: tokenizeGerman,
      // Indexed under the compound's head too ("Regenjacke" under "Jacke"); queried as typed.
      processTerm: (term) => {
        const stem = processGermanTerm(term);
        return stem === null ? null : heads.expand(stem);
      },
      searchOptions: {
        processTerm: processGermanTerm,
        boost: { title: 3, brand: 2, category: 2, colors: 1.5 },
        combineWith: 'AND',
        // Prefixes find compounds being typed ("lauf" → "Laufhose"); fuzziness forgives a typo.
        prefix: (term) => term.length >= 3,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      },
    });
    this.index.addAll(documents);
  }

  /**
   * Relevance per matching product id, the best match scoring 1. `anyWord` lets a product match
   * with some of the words and forgives more typos: the relaxed query when the strict one finds
   * nothing.
   */
  search(query: string, options: { anyWord?: boolean } = {}): Map<string, number> {
    const results = options.anyWord
      ? this.index.search(query, {
          combineWith: 'OR',
          fuzzy: (term) => (term.length >= 4 ? 0.3 : false),
        })
      : this.index.search(queryOf(query));
    const best = results[0]?.score ?? 1;
    return new Map(results.map((result) => [String(result.id), result.score / best]));
  }
}
