import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { tasteScore, tasteWithTrend } from '../../shared/catalog/ranking.js';
import { TasteScorer, topValue } from '../../shared/catalog/taste.js';
import { appendReason } from '../../shared/merchandising/merchandiser.js';
import type { ReactionReason } from '../../shared/reactions/thompson.js';
import { BestFirst, kthLargest } from '../../shared/ranking/best-first.js';
import type { NewsletterItem, NewsletterSignals, Recipient } from './compose.js';
import {
  type CatalogEntry,
  type FittingEntry,
  type FittingProducts,
  rankingCatalog,
} from './ranking-catalog.js';

/** Below this the trend is noise, not worth a reason. */
const trendingReasonAt = 0.5;

/**
 * How far a pick for some products (an own brand, a favourite brand) reads down the recipient's
 * whole ranking before it ranks just the products it wants: those are usually near the top, and
 * when they are not, reading on through thousands would cost more than ranking the few.
 */
const readAheadForPick = 32;

/**
 * How many of a recipient's products a newsletter reads at most, as a rule: the hero, the blocks,
 * and each pick's read-ahead. Only products that score like the best this many are put in order
 * at first; the rest only when a newsletter reads further.
 */
const usualReading = 128;

/**
 * Every product a recipient can get in their size and has not bought, ranked by taste, trend,
 * learned lift and the shop's merchandising (pins first), read best first and only as far as the
 * newsletter needs: the order and every item are those of ranking the whole list by taste and
 * arranging it with `Merchandiser.arrange`.
 *
 * The products are candidates by number (their place in the catalog's list for the size), their
 * figures in typed arrays: a page of 100 recipients ranks some 200,000 products, and an object
 * for each would keep the garbage collector busy.
 */
export class RecipientRanking {
  readonly #fitting: FittingProducts;
  readonly #size: string | undefined;
  readonly #brandShares: readonly number[];
  /** 0..1: how well each meets the recipient's taste. */
  readonly #taste: Float64Array;
  readonly #trend: Float64Array;
  /** Taste with trend, times the learned lift, times the merchandising factor. */
  readonly #score: Float64Array;
  /** Which of the variants in the size earned the colour share; -1 when none did. */
  readonly #bestColor: Int32Array;
  readonly #liftReasons = new Map<number, ReactionReason>();
  /** Pinned candidates in the pins' order, with the pins' reasons. */
  readonly #pinned = new Map<number, string[]>();
  /**
   * The others, best first as far as read so far, then those that score like the best few in a
   * heap, then every one that scores below those, not in order until it is needed.
   */
  readonly #read: number[] = [];
  #unread: BestFirst<number>;
  #later: number[] = [];
  readonly #items = new Map<number, NewsletterItem>();
  readonly #before = (a: number, b: number) => this.#compare(a, b) < 0;

  constructor(recipient: Recipient, signals: NewsletterSignals, products: readonly Product[]) {
    const catalog = rankingCatalog(products, signals.merchandiser);
    const scorer = new TasteScorer(recipient.taste);
    this.#size = topValue(recipient.taste.sizes);
    this.#fitting = catalog.fitting(this.#size === undefined ? undefined : normalizeAttribute(this.#size));
    const colorShares = catalog.colors.map((color) => scorer.colorShare(color));
    this.#brandShares = catalog.brands.map((brand) => scorer.brandShare(brand));
    const categoryShares = catalog.categories.map((category) => scorer.categoryShare(category));
    // By entry, not by id: the ids are looked up once, not once per product.
    const bought = new Set([...recipient.bought].flatMap((id) => catalog.byId.get(id) ?? []));

    const { entries, factor } = this.#fitting;
    const trends = catalog.trendsOf(this.#fitting, signals.popularity);
    const brandShares = this.#brandShares;
    const { lift } = signals;
    const count = entries.length;
    const tasteOf = new Float64Array(count);
    const score = new Float64Array(count);
    const bestColor = new Int32Array(count).fill(-1);
    const candidates: number[] = [];
    for (let candidate = 0; candidate < count; candidate += 1) {
      const { entry, colorNumbers } = entries[candidate] as FittingEntry;
      if (bought.size > 0 && bought.has(entry)) continue;
      let color = 0;
      for (let variant = 0; variant < colorNumbers.length; variant += 1) {
        const share = colorShares[colorNumbers[variant] as number] as number;
        if (share > color) {
          color = share;
          bestColor[candidate] = variant;
        }
      }
      const taste = tasteScore({
        category: categoryShares[entry.categoryNumber] as number,
        color,
        brand: brandShares[entry.brandNumber] as number,
      });
      const trend = trends[candidate] as number;
      tasteOf[candidate] = taste;
      // Without a lift the merchandising factor comes right after taste and trend; with one, the
      // lift comes first (below), as the whole-list ranking multiplies them.
      score[candidate] =
        lift === null
          ? tasteWithTrend(taste, trend) * (factor[candidate] as number)
          : tasteWithTrend(taste, trend);
      candidates.push(candidate);
    }
    this.#taste = tasteOf;
    this.#trend = trends;
    this.#score = score;
    this.#bestColor = bestColor;
    if (lift !== null) {
      // Each lift is a draw from the recipient's seeded random source: drawn in the taste
      // ranking's order, so that the recipient's newsletter is the same every time.
      for (const candidate of [...candidates].sort((a, b) => this.#byTaste(a, b))) {
        const drawn = lift(this.#entryOf(candidate).product.id);
        score[candidate] = (score[candidate] as number) * drawn.lift * (factor[candidate] as number);
        if (drawn.reason !== null) this.#liftReasons.set(candidate, drawn.reason);
      }
    }
    this.#pin(candidates, signals);
    const unpinned =
      this.#pinned.size === 0 ? candidates : candidates.filter((candidate) => !this.#pinned.has(candidate));
    if (unpinned.length <= usualReading) {
      this.#unread = new BestFirst(unpinned, this.#before);
      return;
    }
    // Score is the first key of the order: every product scoring at least the threshold comes
    // before every one scoring below it.
    const scores = new Float64Array(unpinned.length);
    unpinned.forEach((candidate, index) => {
      scores[index] = this.#score[candidate] as number;
    });
    const threshold = kthLargest(scores, usualReading);
    const first: number[] = [];
    for (const candidate of unpinned) {
      if ((this.#score[candidate] as number) >= threshold) first.push(candidate);
      else this.#later.push(candidate);
    }
    this.#unread = new BestFirst(first, this.#before);
  }

  /** The best unread candidate, from the rest once the best few are read. */
  #takeUnread(): number | undefined {
    const next = this.#unread.take();
    if (next !== undefined || this.#later.length === 0) return next;
    this.#unread = new BestFirst(this.#later, this.#before);
    this.#later = [];
    return this.#unread.take();
  }

  #entryOf(candidate: number): CatalogEntry {
    return (this.#fitting.entries[candidate] as FittingEntry).entry;
  }

  /** The taste ranking's order: taste, then the product in more in-stock variants, then the id. */
  #byTaste(a: number, b: number): number {
    const { tieRank } = this.#fitting;
    return (
      (this.#taste[b] as number) - (this.#taste[a] as number) ||
      (tieRank[a] as number) - (tieRank[b] as number)
    );
  }

  /**
   * The final order, as `Merchandiser.arrange` sorts the taste ranking: score, then the factor
   * (for recipients who score 0 everywhere), then the taste ranking's own order.
   */
  #compare(a: number, b: number): number {
    return (
      (this.#score[b] as number) - (this.#score[a] as number) ||
      (this.#fitting.factor[b] as number) - (this.#fitting.factor[a] as number) ||
      this.#byTaste(a, b)
    );
  }

  /** Pinned products first, in the pins' order; a pinned product the recipient cannot get stays out. */
  #pin(candidates: readonly number[], signals: NewsletterSignals): void {
    const pins = signals.merchandiser.pinsFor({ placement: 'NEWSLETTER' });
    if (pins.length === 0) return;
    const pinnedIds = new Set(pins.flatMap((pin) => pin.productIds));
    // The best candidate per pinned id, as arranging the whole list finds it.
    const byId = new Map<string, number>();
    for (const candidate of candidates) {
      const id = this.#entryOf(candidate).normalizedId;
      if (!pinnedIds.has(id)) continue;
      const found = byId.get(id);
      if (found === undefined || this.#before(candidate, found)) byId.set(id, candidate);
    }
    for (const pin of pins) {
      for (const id of pin.productIds) {
        const candidate = byId.get(id);
        if (candidate === undefined) continue;
        const reasons = this.#pinned.get(candidate) ?? [];
        appendReason(reasons, pin.reason);
        this.#pinned.set(candidate, reasons);
      }
    }
  }

  /** The recipient's products whose catalog entry passes `test` (all by default), best first. */
  *best(test?: (entry: CatalogEntry) => boolean): Generator<NewsletterItem, void, undefined> {
    const passes = (candidate: number) => test === undefined || test(this.#entryOf(candidate));
    for (const candidate of this.#pinned.keys()) if (passes(candidate)) yield this.#itemOf(candidate);
    let readAhead = test === undefined ? Number.POSITIVE_INFINITY : readAheadForPick;
    for (let index = 0; ; index += 1) {
      if (index === this.#read.length) {
        if (readAhead === 0) break;
        readAhead -= 1;
        const next = this.#takeUnread();
        if (next === undefined) return;
        this.#read.push(next);
      }
      const candidate = this.#read[index] as number;
      if (passes(candidate)) yield this.#itemOf(candidate);
    }
    // Everything read so far is served: the wanted products among the unread, ranked alone.
    const wanted = new BestFirst([...this.#unread.remaining(), ...this.#later].filter(passes), this.#before);
    for (let candidate = wanted.take(); candidate !== undefined; candidate = wanted.take()) {
      yield this.#itemOf(candidate);
    }
  }

  #itemOf(candidate: number): NewsletterItem {
    const known = this.#items.get(candidate);
    if (known !== undefined) return known;
    const { entry, colorNames } = this.#fitting.entries[candidate] as FittingEntry;
    const { product, weight } = entry;
    const reasons = this.#size === undefined ? [] : [`In stock in your size ${this.#size}`];
    const bestColor = this.#bestColor[candidate] as number;
    if (bestColor >= 0) reasons.push(`In your colour ${colorNames[bestColor] as string}`);
    if ((this.#brandShares[entry.brandNumber] as number) > 0)
      reasons.push(`From ${product.brand}, a brand you like`);
    if ((this.#trend[candidate] as number) >= trendingReasonAt) reasons.push('Popular right now');
    const liftReason = this.#liftReasons.get(candidate);
    if (liftReason !== undefined) reasons.push(liftReason);
    if (reasons.length === 0) reasons.push('Widely available: a start while we learn your taste');
    for (const reason of [...weight.reasons, ...(this.#pinned.get(candidate) ?? [])])
      appendReason(reasons, reason);
    const item = { product, score: this.#score[candidate] as number, reasons };
    this.#items.set(candidate, item);
    return item;
  }
}
