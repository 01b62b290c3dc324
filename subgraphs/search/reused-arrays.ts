/**
 * Typed arrays that one search borrows and the next reuses, growing as needed: a search over
 * 50,000 products would otherwise allocate megabytes of arrays outside the heap, and the garbage
 * collections they bring land on whichever search comes next. An array borrowed is valid until
 * the next search on the same catalog begins (searches run one at a time: they are synchronous);
 * nothing a search returns may point into one. Contents are whatever the last borrower left.
 */
export class ReusedArrays {
  readonly #buffers = new Map<string, Int32Array | Float64Array | Uint8Array>();

  int32(purpose: string, length: number): Int32Array {
    return this.#borrow(purpose, length, (size) => new Int32Array(size));
  }

  float64(purpose: string, length: number): Float64Array {
    return this.#borrow(purpose, length, (size) => new Float64Array(size));
  }

  uint8(purpose: string, length: number): Uint8Array {
    return this.#borrow(purpose, length, (size) => new Uint8Array(size));
  }

  #borrow<T extends Int32Array | Float64Array | Uint8Array>(
    purpose: string,
    length: number,
    create: (size: number) => T,
  ): T {
    let buffer = this.#buffers.get(purpose) as T | undefined;
    if (buffer === undefined || buffer.length < length) {
      buffer = create(Math.max(length, 2 * (buffer?.length ?? 0)));
      this.#buffers.set(purpose, buffer);
    }
    return buffer.subarray(0, length) as T;
  }
}
