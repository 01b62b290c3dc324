function bitCount(word: number): number {
  let bits = word - ((word >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/**
 * A set of a catalog's products as one bit per product: "in stock in size L", "in a wanted
 * colour". Joining and counting such sets costs a step per 32 products, where asking product by
 * product, variant by variant, cost a step per variant.
 */
export class ProductSet {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  static of(size: number, products: ArrayLike<number>): ProductSet {
    const set = new ProductSet(size);
    for (let at = 0; at < products.length; at += 1) set.add(products[at] as number);
    return set;
  }

  add(product: number): void {
    const word = product >>> 5;
    this.words[word] = (this.words[word] as number) | (1 << (product & 31));
  }

  has(product: number): boolean {
    return ((this.words[product >>> 5] as number) & (1 << (product & 31))) !== 0;
  }

  /** Adds every product of `other`. */
  addAll(other: ProductSet): this {
    for (let word = 0; word < this.words.length; word += 1)
      this.words[word] = (this.words[word] as number) | (other.words[word] as number);
    return this;
  }

  /** How many products are in this set and in `other`. */
  countIn(other: ProductSet): number {
    let count = 0;
    for (let word = 0; word < this.words.length; word += 1) {
      const both = (this.words[word] as number) & (other.words[word] as number);
      if (both !== 0) count += bitCount(both);
    }
    return count;
  }

  /** The lowest product in this set and in `other`; -1 when there is none. */
  firstIn(other: ProductSet): number {
    for (let word = 0; word < this.words.length; word += 1) {
      const both = (this.words[word] as number) & (other.words[word] as number);
      if (both !== 0) return word * 32 + (31 - Math.clz32(both & -both));
    }
    return -1;
  }
}
