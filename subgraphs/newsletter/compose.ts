import { normalizeAttribute, type Product } from '../../shared/catalog/product.js';
import { type Taste, topValue } from '../../shared/catalog/taste.js';
import { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import type { LiftOf } from '../../shared/reactions/placement-lift.js';
import { blocksOf, type BlockPick, type Campaign, fillTemplate } from './campaigns.js';
import { type RankingCatalog, rankingCatalog } from './ranking-catalog.js';
import { RecipientRanking } from './recipient-ranking.js';

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

/** How long a product counts as new in the shop. */
const newForMs = 14 * 86_400_000;

/** The block's products in the order it shows them, before the ones taken already are left out. */
function* pickFor(
  pick: BlockPick,
  ranking: RecipientRanking,
  catalog: RankingCatalog,
  taste: Taste,
  now: Date,
): Generator<NewsletterItem, void, undefined> {
  switch (pick) {
    case 'taste':
      yield* ranking.best();
      return;
    case 'favourite-brand': {
      const brand = topValue(taste.brands);
      if (brand === undefined) {
        yield* ranking.best();
        return;
      }
      yield* ranking.best(catalog.ofBrand(normalizeAttribute(brand)));
      return;
    }
    case 'own-brands':
      yield* ranking.best(catalog.ownBrands);
      return;
    case 'new-in': {
      // New products first; the rest of the ranking fills up when the shop added few lately.
      const fresh = catalog.listedSince(now.getTime() - newForMs);
      for (const item of ranking.best(fresh)) {
        yield { ...item, reasons: [...item.reasons, 'New in the shop'] };
      }
      yield* ranking.best({ has: (entry) => !fresh.has(entry) });
      return;
    }
    default: {
      const unreachable: never = pick;
      throw new Error(`unhandled block pick ${String(unreachable)}`);
    }
  }
}

/** The first `count` items that pass `test`, reading no further. */
function take(items: Iterable<NewsletterItem>, test: (item: NewsletterItem) => boolean, count: number) {
  const taken: NewsletterItem[] = [];
  if (count <= 0) return taken;
  for (const item of items) {
    if (!test(item)) continue;
    taken.push(item);
    if (taken.length === count) break;
  }
  return taken;
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
  const ranking = new RecipientRanking(recipient, signals, catalog);
  const choices = rankingCatalog(catalog, signals.merchandiser);
  const hero = take(ranking.best(), () => true, 1)[0] ?? null;
  const taken = new Set(hero === null ? [] : [hero.product.id]);
  let room = campaign.productCount - taken.size;
  const blocks: NewsletterBlock[] = [];
  for (const block of blocksOf(campaign)) {
    const items = take(
      pickFor(block.pick, ranking, choices, recipient.taste, now),
      ({ product }) => !taken.has(product.id),
      Math.min(block.productCount, room),
    );
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
