import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { fitsSizes, rankByTaste, tasteWithTrend } from '../../shared/catalog/ranking.js';
import { type Taste, TasteScorer, topValue } from '../../shared/catalog/taste.js';
import { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { LiftOf } from '../../shared/reactions/placement-lift.js';
import { blocksOf, type BlockPick, type Campaign, fillTemplate } from './campaigns.js';

export interface NewsletterItem {
  product: Product;
  score: number;
  reasons: string[];
}

export interface NewsletterBlock {
  title: string;
  items: NewsletterItem[];
}

export interface ComposedNewsletter {
  /** The one product the email leads with; null when nothing in the visitor's size is left. */
  hero: NewsletterItem | null;
  blocks: NewsletterBlock[];
}

export interface Recipient {
  taste: Taste;
  /** Products the recipient bought: a newsletter never praises them again. */
  bought: ReadonlySet<string>;
}

export interface NewsletterSignals {
  /** 0..1: interest lately drawn from all visitors. */
  popularity: (productId: string) => number;
  /** Click-through lift learned from newsletter clicks; null while nothing is learned. */
  lift: LiftOf | null;
  merchandiser: Merchandiser;
}

/** Below this the trend is noise, not worth a reason. */
const trendingReasonAt = 0.5;

/** How long a product counts as new in the shop. */
const newForMs = 14 * 86_400_000;

/** Every product the recipient can get in their size, best first, with the reasons. */
function rankedForRecipient(
  recipient: Recipient,
  signals: NewsletterSignals,
  catalog: readonly Product[],
): NewsletterItem[] {
  const size = topValue(recipient.taste.sizes);
  const sizes = size === undefined ? [] : [size];
  const candidates = catalog.filter(
    (product) => !recipient.bought.has(product.id) && fitsSizes(product, sizes),
  );
  const ranked = rankByTaste(candidates, new TasteScorer(recipient.taste), {
    sizes,
    exclude: new Set(),
    limit: candidates.length,
  }).map(({ product, score: taste, match }): NewsletterItem => {
    const reasons = size === undefined ? [] : [`In stock in your size ${size}`];
    if (match.bestColor !== undefined) reasons.push(`In your colour ${match.bestColor}`);
    if (match.brand > 0) reasons.push(`From ${product.brand}, a brand you like`);
    const trend = signals.popularity(product.id);
    if (trend >= trendingReasonAt) reasons.push('Popular right now');
    let score = tasteWithTrend(taste, trend);
    if (signals.lift !== null) {
      const { lift, reason } = signals.lift(product.id);
      score *= lift;
      if (reason !== null) reasons.push(reason);
    }
    if (reasons.length === 0) reasons.push('Widely available: a start while we learn your taste');
    return { product, score, reasons };
  });
  return signals.merchandiser.arrange(ranked, { placement: 'NEWSLETTER' });
}

function isNew(product: Product, now: Date): boolean {
  return product.listedAt !== undefined && now.getTime() - product.listedAt.getTime() <= newForMs;
}

/** The block's products in the order it shows them, before the ones taken already are left out. */
function pickFor(
  pick: BlockPick,
  ranked: readonly NewsletterItem[],
  taste: Taste,
  now: Date,
): NewsletterItem[] {
  switch (pick) {
    case 'taste':
      return [...ranked];
    case 'favourite-brand': {
      const brand = topValue(taste.brands);
      if (brand === undefined) return [...ranked];
      return ranked.filter(({ product }) => normalizeAttribute(product.brand) === normalizeAttribute(brand));
    }
    case 'own-brands':
      return ranked.filter(({ product }) => product.ownBrand);
    case 'new-in': {
      // New products first; the rest of the ranking fills up when the shop added few lately.
      const fresh = ranked
        .filter(({ product }) => isNew(product, now))
        .map((item) => ({ ...item, reasons: [...item.reasons, 'New in the shop'] }));
      return [...fresh, ...ranked.filter(({ product }) => !isNew(product, now))];
    }
    default: {
      const unreachable: never = pick;
      throw new Error(`unhandled block pick ${String(unreachable)}`);
    }
  }
}

/**
 * One recipient's newsletter: the best product as hero, then the campaign's blocks, every product
 * at most once and in stock in the recipient's size, at most `productCount` in all.
 */
export function composeNewsletter(
  campaign: Campaign,
  recipient: Recipient,
  signals: NewsletterSignals,
  catalog: readonly Product[],
  now: Date,
): ComposedNewsletter {
  const ranked = rankedForRecipient(recipient, signals, catalog);
  const hero = ranked[0] ?? null;
  const taken = new Set(hero === null ? [] : [hero.product.id]);
  let room = campaign.productCount - taken.size;
  const blocks: NewsletterBlock[] = [];
  for (const block of blocksOf(campaign)) {
    const items = pickFor(block.pick, ranked, recipient.taste, now)
      .filter(({ product }) => !taken.has(product.id))
      .slice(0, Math.min(block.productCount, room));
    if (items.length === 0) continue;
    for (const { product } of items) taken.add(product.id);
    room -= items.length;
    blocks.push({ title: fillTemplate(block.title, block.fallbackTitle, recipient.taste), items });
  }
  return { hero, blocks };
}

export const noSignals: NewsletterSignals = {
  popularity: () => 0,
  lift: null,
  merchandiser: Merchandiser.none(),
};
