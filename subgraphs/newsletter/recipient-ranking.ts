import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { tasteScore, tasteWithTrend } from '../../shared/catalog/ranking.js';
import { TasteScorer, topValue } from '../../shared/catalog/taste.js';
import { appendReason } from '../../shared/merchandising/merchandiser.js';
import type { ReactionReason } from '../../shared/reactions/thompson.js';
import { BestFirst, kthLargestAt } from '../../shared/ranking/best-first.js';
import type { NewsletterItem, NewsletterSignals, Recipient } from './compose.js';
import {
  type CatalogEntry,
  type Choice,
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

/** The best `usualReading` are told from the scores of one candidate in this many. */
const sampleEvery = 8;

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
  /** The recipient's share of each of the catalog's colours, by number. */
  readonly #colorShares: Float64Array;
  readonly #liftReasons = new Map<number, ReactionReason>();
  /** Pinned candidates in the pins' order, with the pins' reasons. */
  readonly #pinned = new Map<number, string[]>();
  /**
   * The others, best first as far as read so far, then those that score like the best few in a
   * heap, then every one that scores below those, not in order until it is needed.
   */
  readonly #read: number[] = [];
  #unread: BestFirst<number>;
  /** Gathers the candidates scoring below the best few, once; none are left after that. */
  #later: () => number[] = () => [];
  readonly #items = new Map<number, NewsletterItem>();
  /** 1 for each candidate not among the unread: bought, pinned or read. */
  readonly #served: Uint8Array;
  readonly #before = (a: number, b: number) => this.#compare(a, b) < 0;

  constructor(recipient: Recipient, signals: NewsletterSignals, products: readonly Product[]) {
    const catalog = rankingCatalog(products, signals.merchandiser);
    const scorer = new TasteScorer(recipient.taste);
    this.#size = topValue(recipient.taste.sizes);
    this.#fitting = catalog.fitting(this.#size === undefined ? undefined : normalizeAttribute(this.#size));
    const colorShares = Float64Array.from(catalog.colors, (color) => scorer.colorShare(color));
    this.#colorShares = colorShares;
    this.#brandShares = catalog.brands.map((brand) => scorer.brandShare(brand));
    const brandShares = Float64Array.from(this.#brandShares);
    const categoryShares = Float64Array.from(catalog.categories, (category) =>
      scorer.categoryShare(category),
    );
    // By entry, not by id: the ids are looked up once, not once per product.
    const bought = new Set([...recipient.bought].flatMap((id) => catalog.byId.get(id) ?? []));

    const { entries, factor, brandNumber, categoryNumber, colorsFrom, colorNumbers } = this.#fitting;
    const trends = catalog.trendsOf(this.#fitting, signals.popularity);
    const { lift } = signals;
    const count = entries.length;
    const tasteOf = new Float64Array(count);
    const score = new Float64Array(count);
    const served = new Uint8Array(count);
    for (let candidate = 0; candidate < count; candidate += 1) {
      if (bought.size > 0 && bought.has((entries[candidate] as FittingEntry).entry)) {
        served[candidate] = 1;
        continue;
      }
      let color = 0;
      const end = colorsFrom[candidate + 1] as number;
      for (let at = colorsFrom[candidate] as number; at < end; at += 1) {
        const share = colorShares[colorNumbers[at] as number] as number;
        if (share > color) color = share;
      }
      const taste = tasteScore({
        category: categoryShares[categoryNumber[candidate] as number] as number,
        color,
        brand: brandShares[brandNumber[candidate] as number] as number,
      });
      const trend = trends[candidate] as number;
      tasteOf[candidate] = taste;
      // Without a lift the merchandising factor comes right after taste and trend; with one, the
      // lift comes first (below), as the whole-list ranking multiplies them.
      score[candidate] =
        lift === null
          ? tasteWithTrend(taste, trend) * (factor[candidate] as number)
          : tasteWithTrend(taste, trend);
    }
    this.#taste = tasteOf;
    this.#trend = trends;
    this.#score = score;
    this.#served = served;
    if (lift !== null) {
      // Each lift is a draw from the recipient's seeded random source: drawn in the taste
      // ranking's order, so that the recipient's newsletter is the same every time.
      for (const candidate of this.#unservedWhere(() => true).sort((a, b) => this.#byTaste(a, b))) {
        const drawn = lift(this.#entryOf(candidate).product.id);
        score[candidate] = (score[candidate] as number) * drawn.lift * (factor[candidate] as number);
        if (drawn.reason !== null) this.#liftReasons.set(candidate, drawn.reason);
      }
    }
    this.#pin(signals);
    // Score is the first key of the order: every product scoring at least the threshold comes
    // before every one scoring below it, and those below are gathered only if a newsletter reads
    // on. So any threshold gives the same order; a good one leaves a little more than
    // `usualReading` above it. Estimated from the unserved among every eighth candidate, it costs
    // a fraction of an exact one.
    const sample: number[] = [];
    for (let candidate = 0; candidate < count; candidate += sampleEvery)
      if (served[candidate] === 0) sample.push(candidate);
    const wantedAbove = Math.ceil((usualReading * 1.25) / sampleEvery);
    const threshold =
      sample.length <= wantedAbove ? Number.NEGATIVE_INFINITY : kthLargestAt(score, sample, wantedAbove);
    this.#unread = new BestFirst(
      this.#unservedWhere((candidate) => (score[candidate] as number) >= threshold),
      this.#before,
    );
    this.#later = () => this.#unservedWhere((candidate) => (score[candidate] as number) < threshold);
  }

  /** The candidates not bought, pinned or read that pass `test`, in catalog order. */
  #unservedWhere(test: (candidate: number) => boolean): number[] {
    const served = this.#served;
    const found: number[] = [];
    for (let candidate = 0; candidate < served.length; candidate += 1)
      if (served[candidate] === 0 && test(candidate)) found.push(candidate);
    return found;
  }

  /** The best unread candidate, from the rest once the best few are read. */
  #takeUnread(): number | undefined {
    const next = this.#unread.take();
    if (next !== undefined) return next;
    this.#unread = new BestFirst(this.#takeLater(), this.#before);
    return this.#unread.take();
  }

  #takeLater(): number[] {
    const later = this.#later();
    this.#later = () => [];
    return later;
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
  #pin(signals: NewsletterSignals): void {
    const pins = signals.merchandiser.pinsFor({ placement: 'NEWSLETTER' });
    if (pins.length === 0) return;
    const pinnedIds = new Set(pins.flatMap((pin) => pin.productIds));
    // The best candidate per pinned id, as arranging the whole list finds it.
    const byId = new Map<string, number>();
    const pinnable = this.#unservedWhere((candidate) => pinnedIds.has(this.#entryOf(candidate).normalizedId));
    for (const candidate of pinnable) {
      const id = this.#entryOf(candidate).normalizedId;
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
        this.#served[candidate] = 1;
      }
    }
  }

  /** The recipient's products among `choice` (all by default), best first. */
  *best(choice?: Choice): Generator<NewsletterItem, void, undefined> {
    const passes = (candidate: number) => choice === undefined || choice.has(this.#entryOf(candidate));
    for (const candidate of this.#pinned.keys()) if (passes(candidate)) yield this.#itemOf(candidate);
    let readAhead = choice === undefined ? Number.POSITIVE_INFINITY : readAheadForPick;
    for (let index = 0; ; index += 1) {
      if (index === this.#read.length) {
        if (readAhead === 0) break;
        readAhead -= 1;
        const next = this.#takeUnread();
        if (next === undefined) return;
        this.#read.push(next);
        this.#served[next] = 1;
      }
      const candidate = this.#read[index] as number;
      if (passes(candidate)) yield this.#itemOf(candidate);
    }
    // Everything read so far is served: the chosen products among the unread, ranked alone.
    const wanted = new BestFirst(this.#unreadAmong(choice, passes), this.#before);
    for (let candidate = wanted.take(); candidate !== undefined; candidate = wanted.take()) {
      yield this.#itemOf(candidate);
    }
  }

  /** The unread candidates `choice` takes: from its list when it has one, else tested one by one. */
  #unreadAmong(choice: Choice | undefined, passes: (candidate: number) => boolean): number[] {
    if (choice?.entries === undefined) return this.#unservedWhere(passes);
    const { positionOf } = this.#fitting;
    const unread: number[] = [];
    for (const { index } of choice.entries) {
      const candidate = positionOf[index] as number;
      if (candidate >= 0 && this.#served[candidate] === 0) unread.push(candidate);
    }
    return unread;
  }

  /** The colour in stock in the size that earned the candidate its colour share, as the catalog spells it. */
  #bestColorOf(candidate: number): string | undefined {
    const { entries, colorsFrom, colorNumbers } = this.#fitting;
    const { colorNames } = entries[candidate] as FittingEntry;
    const first = colorsFrom[candidate] as number;
    const end = colorsFrom[candidate + 1] as number;
    let best = 0;
    let name: string | undefined;
    for (let at = first; at < end; at += 1) {
      const share = this.#colorShares[colorNumbers[at] as number] as number;
      if (share > best) {
        best = share;
        name = colorNames[at - first];
      }
    }
    return name;
  }

  #itemOf(candidate: number): NewsletterItem {
    const known = this.#items.get(candidate);
    if (known !== undefined) return known;
    const { entry } = this.#fitting.entries[candidate] as FittingEntry;
    const { product, weight } = entry;
    const reasons = this.#size === undefined ? [] : [`In stock in your size ${this.#size}`];
    const bestColor = this.#bestColorOf(candidate);
    if (bestColor !== undefined) reasons.push(`In your colour ${bestColor}`);
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
