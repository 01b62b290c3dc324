import SearchableMap from 'minisearch/SearchableMap';
import type { Product } from '../../shared/catalog/product.js';
import { CompoundHeads, compoundWords, processGermanTerm, tokenizeGerman } from './german.js';
import { TextMatches } from './text-matches.js';

type Query = string | { combineWith: 'AND' | 'OR'; queries: Query[] };

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

/** The fields searched, and how much a term found in each counts. */
const fieldBoosts = [3, 2, 2, 1.5, 1];

function fieldsOf(product: Product): string[] {
  return [
    product.title,
    product.brand,
    `${product.category} ${product.categoryPath.join(' ')}`,
    product.colors.join(' '),
    product.description,
  ];
}

// MiniSearch's defaults, with which the search was tuned and tested.
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
const weights = { fuzzy: 0.45, prefix: 0.375 };
const maxFuzzy = 6;

/** BM25+ of a term in one field of one product, as MiniSearch computes it. */
function bm25Score(
  termFrequency: number,
  matchingCount: number,
  totalCount: number,
  fieldLength: number,
  averageFieldLength: number,
): number {
  const { k, b, d } = bm25;
  const inverseDocumentFrequency = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return (
    inverseDocumentFrequency *
    (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageFieldLength)))
  );
}

/** The products with a term in one field, ascending, and what the term scores in each. */
interface FieldPostings {
  products: Int32Array;
  scores: Float64Array;
}
/** A term's postings by field; none where the field lacks it. */
type Postings = (FieldPostings | undefined)[];

/** The products a search found, ascending, and each one's relevance (the best match 1), in the same order. */
export interface TextSearchResult {
  found: Int32Array;
  relevance: Float64Array;
}

/** Numbers for the query's distinct terms, and accumulators to add up what they match. */
interface QueryTerms {
  number: (term: string) => number;
  take: () => TextMatches;
}

interface QueryOptions {
  combineWith: 'AND' | 'OR';
  fuzzy: (term: string) => number | false;
}

const prefix = (term: string) => term.length >= 3;
// Prefixes find compounds being typed ("lauf" → "Laufhose"); fuzziness forgives a typo.
const strict: QueryOptions = { combineWith: 'AND', fuzzy: (term) => (term.length >= 5 ? 0.2 : false) };
// Some words are enough, and more typos are forgiven: the relaxed query.
const anyWord: QueryOptions = { combineWith: 'OR', fuzzy: (term) => (term.length >= 4 ? 0.3 : false) };

/** The query's terms in order, as MiniSearch processes them. */
function termsOf(text: string): string[] {
  return tokenizeGerman(text)
    .map(processGermanTerm)
    .filter((term): term is string => !!term);
}

/** `processGermanTerm`, remembered: a catalog's texts repeat few words many times. */
function stemmer(): (token: string) => string | null {
  const stems = new Map<string, string | null>();
  return (token) => {
    let stem = stems.get(token);
    if (stem === undefined) stems.set(token, (stem = processGermanTerm(token)));
    return stem;
  };
}

/**
 * Full-text index over the catalog with German term processing: MiniSearch's index and scoring
 * (BM25+, prefix and fuzzy terms on its radix tree) with every posting's score computed once
 * when the catalog is built, since the catalog does not change until it is built again.
 * Products are numbered by their position in the catalog.
 */
export class TextIndex {
  private readonly terms = new SearchableMap<Postings>();
  private readonly size: number;
  /** Cleared accumulators from earlier searches: each is as large as the catalog. */
  readonly #spare: TextMatches[] = [];

  constructor(products: readonly Product[]) {
    this.size = products.length;
    const tokens = products.map((product) => fieldsOf(product).map(tokenizeGerman));
    const stemOf = stemmer();
    // Every stem the catalog's texts contain: the words compounds may end in. Indexed under the
    // compound's head too ("Regenjacke" under "Jacke"); queried as typed.
    const stems = new Set<string>();
    for (const fields of tokens) {
      for (const words of fields) {
        for (const word of words) {
          const stem = stemOf(word);
          if (stem !== null) stems.add(stem);
        }
      }
    }
    const heads = new CompoundHeads(stems);
    const expansions = new Map<string, string[]>();
    const frequencies = new Map<string, Map<number, Map<number, number>>>();
    const fieldLengths = fieldBoosts.map(() => new Int32Array(products.length));
    const averageLengths = fieldBoosts.map(() => 0);
    tokens.forEach((fields, product) => {
      fields.forEach((words, field) => {
        const length = new Set(words).size;
        (fieldLengths[field] as Int32Array)[product] = length;
        // A running average, as MiniSearch keeps it: the same rounding, the same scores.
        averageLengths[field] = ((averageLengths[field] as number) * product + length) / (product + 1);
        for (const word of words) {
          const stem = stemOf(word);
          if (stem === null) continue;
          let terms = expansions.get(stem);
          if (terms === undefined) expansions.set(stem, (terms = heads.expand(stem)));
          for (const term of terms) {
            let byField = frequencies.get(term);
            if (byField === undefined) {
              frequencies.set(term, (byField = new Map()));
              // The radix tree takes terms in MiniSearch's order: prefix and fuzzy matches then
              // come in its order, and scores add up in it.
              this.terms.set(term, []);
            }
            let byProduct = byField.get(field);
            if (byProduct === undefined) byField.set(field, (byProduct = new Map()));
            byProduct.set(product, (byProduct.get(product) ?? 0) + 1);
          }
        }
      });
    });
    for (const [term, byField] of frequencies) {
      const postings = this.terms.get(term) as Postings;
      for (const [field, byProduct] of byField) {
        const found = Int32Array.from(byProduct.keys());
        postings[field] = {
          products: found,
          scores: Float64Array.from(found, (product) =>
            bm25Score(
              byProduct.get(product) as number,
              byProduct.size,
              products.length,
              (fieldLengths[field] as Int32Array)[product] as number,
              averageLengths[field] as number,
            ),
          ),
        };
      }
    }
  }

  /**
   * The matching products and their relevance. `anyWord` lets a product match with some of the
   * words and forgives more typos: the relaxed query when the strict one finds nothing.
   */
  search(query: string, options: { anyWord?: boolean } = {}): TextSearchResult {
    const parsed = options.anyWord ? query : queryOf(query);
    const termNumbers = new Map<string, number>();
    const number = (term: string) => {
      if (!termNumbers.has(term)) termNumbers.set(term, termNumbers.size);
      return termNumbers.get(term) as number;
    };
    const collect = (part: Query): void => {
      if (typeof part === 'string') termsOf(part).forEach(number);
      else part.queries.forEach(collect);
    };
    collect(parsed);
    const words = Math.max(1, Math.ceil(termNumbers.size / 32));
    const taken: TextMatches[] = [];
    const take = () => {
      const matches = (words === 1 ? this.#spare.pop() : undefined) ?? new TextMatches(this.size, words);
      taken.push(matches);
      return matches;
    };
    try {
      const matches = this.evaluate(parsed, options.anyWord ? anyWord : strict, { number, take });
      const found = matches.products.slice().sort();
      const relevance = new Float64Array(found.length);
      let best = 0;
      found.forEach((product, at) => {
        relevance[at] = (matches.score[product] as number) * matches.termCount(product);
        best = Math.max(best, relevance[at] as number);
      });
      for (let at = 0; at < relevance.length; at += 1) relevance[at] = (relevance[at] as number) / best;
      return { found, relevance };
    } finally {
      for (const matches of taken) {
        matches.clear();
        if (matches.words === 1) this.#spare.push(matches);
      }
    }
  }

  /** MiniSearch's `executeQuery`: a string's terms, or a query's parts, combined as it says. */
  private evaluate(query: Query, options: QueryOptions, terms: QueryTerms): TextMatches {
    const parts =
      typeof query === 'string'
        ? termsOf(query).map((term) => this.termMatches(term, options, terms))
        : query.queries.map((part) =>
            this.evaluate(part, { ...options, combineWith: query.combineWith }, terms),
          );
    const combineWith = typeof query === 'string' ? options.combineWith : query.combineWith;
    const [first, ...rest] = parts;
    if (first === undefined) return terms.take();
    return rest.reduce(
      (combined, part) => (combineWith === 'AND' ? combined.and(part) : combined.or(part)),
      first,
    );
  }

  /** MiniSearch's `executeQuerySpec`: the term itself, then longer terms it begins, then near misses. */
  private termMatches(term: string, options: QueryOptions, terms: QueryTerms): TextMatches {
    const matches = terms.take();
    const termNumber = terms.number(term);
    const add = (postings: Postings | undefined, weight: number) => {
      if (postings === undefined) return;
      postings.forEach((inField, field) => {
        if (inField === undefined) return;
        const fieldWeight = weight * (fieldBoosts[field] as number);
        const { products, scores } = inField;
        for (let at = 0; at < products.length; at += 1)
          matches.add(products[at] as number, fieldWeight * (scores[at] as number), termNumber);
      });
    };
    add(this.terms.get(term), 1);
    const fuzziness = options.fuzzy(term);
    const maxDistance = fuzziness === false ? 0 : Math.min(maxFuzzy, Math.round(term.length * fuzziness));
    const near = maxDistance > 0 ? this.terms.fuzzyGet(term, maxDistance) : undefined;
    if (prefix(term)) {
      for (const [longer, postings] of this.terms.atPrefix(term)) {
        const distance = longer.length - term.length;
        if (distance === 0) continue;
        // A term both begins with and nearly is the query's counts as begun.
        near?.delete(longer);
        add(postings, (weights.prefix * longer.length) / (longer.length + 0.3 * distance));
      }
    }
    for (const [nearTerm, [postings, distance]] of near ?? []) {
      if (distance === 0) continue;
      add(postings, (weights.fuzzy * nearTerm.length) / (nearTerm.length + distance));
    }
    return matches;
  }
}
