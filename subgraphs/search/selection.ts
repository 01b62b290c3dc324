/**
 * The first `count` of the candidates offered, in the order `compare` defines (negative: a
 * first): a bounded heap keeps the best so far with the last of them on top, so a page of 24 out
 * of 50,000 matches costs about one comparison per match, not a sort.
 */
export class FirstPlaces {
  private readonly heap: number[] = [];

  constructor(
    private readonly count: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  /** Every place is taken: a candidate must beat `last` to get in. */
  get full(): boolean {
    return this.heap.length >= this.count;
  }

  /** The last of the places taken so far. */
  get last(): number {
    return this.heap[0] as number;
  }

  offer(candidate: number): void {
    const { heap, compare } = this;
    if (heap.length < this.count) {
      heap.push(candidate);
      let child = heap.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (compare(heap[child] as number, heap[parent] as number) <= 0) return;
        [heap[parent], heap[child]] = [heap[child] as number, heap[parent] as number];
        child = parent;
      }
      return;
    }
    if (this.count === 0 || compare(candidate, heap[0] as number) >= 0) return;
    heap[0] = candidate;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let latest = parent;
      if (left < heap.length && compare(heap[left] as number, heap[latest] as number) > 0) latest = left;
      if (right < heap.length && compare(heap[right] as number, heap[latest] as number) > 0) latest = right;
      if (latest === parent) return;
      [heap[parent], heap[latest]] = [heap[latest] as number, heap[parent] as number];
      parent = latest;
    }
  }

  /** The candidates holding a place, in no particular order. */
  places(): readonly number[] {
    return this.heap;
  }
}
