/**
 * Items taken best first, ordered only as far as they are taken: a binary heap built in linear
 * time, then one pop per item. A newsletter takes a handful of products from a ranking of
 * thousands, so sorting them all would be wasted on nearly every recipient.
 *
 * `before(a, b)` is true when `a` goes first; a strict total order gives exactly the order a sort
 * would.
 */
export class BestFirst<T> {
  readonly #heap: T[];
  readonly #before: (a: T, b: T) => boolean;

  /** Takes `items` over: the array becomes the heap. */
  constructor(items: T[], before: (a: T, b: T) => boolean) {
    this.#heap = items;
    this.#before = before;
    for (let index = (items.length >> 1) - 1; index >= 0; index -= 1) this.#siftDown(index);
  }

  /** The best item not taken yet, or undefined when all are taken. */
  take(): T | undefined {
    const heap = this.#heap;
    const best = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last as T;
      this.#siftDown(0);
    }
    return best;
  }

  #siftDown(from: number): void {
    const heap = this.#heap;
    let parent = from;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const child = right < heap.length && this.#before(heap[right] as T, heap[left] as T) ? right : left;
      if (!this.#before(heap[child] as T, heap[parent] as T)) return;
      [heap[parent], heap[child]] = [heap[child] as T, heap[parent] as T];
      parent = child;
    }
  }
}

/**
 * The `k`-th largest of `values` at `places` (1: the largest), read once front to back: the `k`
 * largest so far are kept in a min-heap, so that nearly every value is turned away with one
 * comparison against the smallest of them. Sorting would take n log n, and quickselect would
 * move every value several times.
 */
export function kthLargestAt(values: Float64Array, places: readonly number[], k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > places.length) {
    throw new RangeError(`k must be a whole number from 1 to ${places.length}, got ${k}`);
  }
  const heap = new Float64Array(k);
  for (let index = 0; index < k; index += 1) heap[index] = values[places[index] as number] as number;
  heap.sort();
  // A sorted array is a min-heap already.
  for (let index = k; index < places.length; index += 1) {
    const value = values[places[index] as number] as number;
    if (value <= (heap[0] as number)) continue;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= k) break;
      const right = left + 1;
      const child = right < k && (heap[right] as number) < (heap[left] as number) ? right : left;
      if ((heap[child] as number) >= value) break;
      heap[parent] = heap[child] as number;
      parent = child;
    }
    heap[parent] = value;
  }
  return heap[0] as number;
}

/**
 * The first `count` of the places `0 … total − 1` in the order `before` (true when `a` goes
 * first), in that order, leaving out those `skip` names: one pass that keeps the best found so
 * far, for a short list taken from thousands. A strict total order gives exactly the head a sort
 * would.
 */
export function firstPlaces(
  total: number,
  count: number,
  before: (a: number, b: number) => boolean,
  skip?: (place: number) => boolean,
): number[] {
  const best: number[] = [];
  if (count <= 0) return best;
  for (let place = 0; place < total; place += 1) {
    if (skip?.(place) === true) continue;
    if (best.length === count && !before(place, best[count - 1] as number)) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && before(place, best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at -= 1;
    }
    best[at] = place;
  }
  return best;
}
