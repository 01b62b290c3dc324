/**
 * The products one query (or part of one) matched, each with its score and the query terms it
 * matched, as MiniSearch keeps them per document, but in arrays over the whole catalog: a search
 * adds up thousands of postings, and an object per product and term was most of its cost.
 */
export class TextMatches {
  /** The products matched, in the order first matched: the first `count` of `list`. */
  private readonly list: Int32Array;
  count = 0;
  private readonly member: Uint8Array;
  readonly score: Float64Array;
  /** The query terms each product matched, one bit per term, `words` 32-bit words per product. */
  private readonly terms: Uint32Array;

  constructor(
    catalogSize: number,
    readonly words: number,
  ) {
    this.list = new Int32Array(catalogSize);
    this.member = new Uint8Array(catalogSize);
    this.score = new Float64Array(catalogSize);
    this.terms = new Uint32Array(catalogSize * words);
  }

  get products(): Int32Array {
    return this.list.subarray(0, this.count);
  }

  has(product: number): boolean {
    return this.member[product] === 1;
  }

  /** One posting's score for query term number `term` (MiniSearch's `termResults`). */
  add(product: number, score: number, term: number): void {
    if (this.member[product] === 0) {
      this.member[product] = 1;
      this.list[this.count] = product;
      this.count += 1;
    }
    this.score[product] = (this.score[product] as number) + score;
    const word = product * this.words + (term >>> 5);
    this.terms[word] = (this.terms[word] as number) | (1 << (term & 31));
  }

  /** MiniSearch's OR: every product of either, scores added, terms joined. Changes this. */
  or(other: TextMatches): TextMatches {
    for (let at = 0; at < other.count; at += 1) {
      const product = other.list[at] as number;
      if (this.member[product] === 0) {
        this.member[product] = 1;
        this.list[this.count] = product;
        this.count += 1;
      }
      this.score[product] = (this.score[product] as number) + (other.score[product] as number);
      this.joinTerms(product, other);
    }
    return this;
  }

  /** MiniSearch's AND: the products of both, scores added, terms joined. Changes this. */
  and(other: TextMatches): TextMatches {
    let kept = 0;
    for (let at = 0; at < this.count; at += 1) {
      const product = this.list[at] as number;
      if (!other.has(product)) {
        this.forget(product);
        continue;
      }
      this.score[product] = (this.score[product] as number) + (other.score[product] as number);
      this.joinTerms(product, other);
      this.list[kept] = product;
      kept += 1;
    }
    this.count = kept;
    return this;
  }

  /** How many distinct query terms the product matched: MiniSearch multiplies its score by it. */
  termCount(product: number): number {
    let count = 0;
    for (let word = product * this.words; word < (product + 1) * this.words; word += 1) {
      let bits = this.terms[word] as number;
      while (bits !== 0) {
        bits &= bits - 1;
        count += 1;
      }
    }
    return count;
  }

  /** Empty again, for the next search: only the products matched are reset. */
  clear(): void {
    for (let at = 0; at < this.count; at += 1) this.forget(this.list[at] as number);
    this.count = 0;
  }

  private forget(product: number): void {
    this.member[product] = 0;
    this.score[product] = 0;
    this.terms.fill(0, product * this.words, (product + 1) * this.words);
  }

  private joinTerms(product: number, other: TextMatches): void {
    for (let word = product * this.words; word < (product + 1) * this.words; word += 1)
      this.terms[word] = (this.terms[word] as number) | (other.terms[word] as number);
  }
}
