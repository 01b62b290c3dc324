import type { ProductStore } from '../../../shared/catalog/product-store.js';
import type { VisitorChange } from '../affinity.js';
import type { SearchContext, TouchpointEvent } from '../events.js';
import type { Dimension } from '../vocabulary.js';

/** A visitor's profile as stored: forward-decayed affinity sums, not yet read at a time. */
export interface VisitorRecord {
  id: string;
  firstSeenAt: Date;
  lastEventAt: Date;
  affinity: Record<Dimension, Record<string, number>>;
  /** Product id → when the visitor last viewed it. */
  viewed: Record<string, Date>;
  /** Product id → when the visitor last bought it: never recommended to them again. */
  bought: Record<string, Date>;
  lastSearch: SearchContext | null;
  consent: Consent;
}

/** What the visitor agreed to; `null`: not asked yet. */
export interface Consent {
  tracking: boolean | null;
  newsletter: boolean | null;
  updatedAt: Date | null;
}

/** A consent decision: only the answers given change. */
export interface ConsentChoice {
  tracking?: boolean | null;
  newsletter?: boolean | null;
}

export const consentNotAsked: Consent = { tracking: null, newsletter: null, updatedAt: null };

/** The profile service's data: visitors, their events, and its own view of the catalog. */
export interface ProfileStore {
  readonly products: ProductStore;
  /** Records in the order of `ids`, `null` for never-seen visitors: one round trip. */
  findVisitors(ids: readonly string[]): Promise<(VisitorRecord | null)[]>;
  /** The visitors among `ids` who declined tracking: their events are refused. */
  declinedTracking(ids: readonly string[]): Promise<Set<string>>;
  /** Stores the events, then applies the changes to the profiles. */
  recordEvents(events: readonly TouchpointEvent[], changes: readonly VisitorChange[]): Promise<void>;
  /** The visitor's stored events, oldest first. */
  eventsOf(visitorId: string): Promise<TouchpointEvent[]>;
  /** Creates the profile of a new visit. */
  startVisitor(id: string, consent: ConsentChoice, now: Date): Promise<void>;
  /** Records the given answers (creating the profile if needed); returns the consent now. */
  setConsent(id: string, consent: ConsentChoice, now: Date): Promise<Consent>;
  /** Deletes the profile and all events; true if anything existed. */
  forgetVisitor(id: string): Promise<boolean>;
  /**
   * Deletes events from before `cutoff`, and profiles with no event since. Returns how many of
   * each went.
   */
  expireBefore(cutoff: Date): Promise<{ events: number; visitors: number }>;
  /** True when the database deletes expired events itself (TTL index); else call `expireBefore`. */
  readonly expiresByItself: boolean;
  close(): Promise<void>;
}

/** Sums a change's increments per key: one update may name a path only once. */
export function summedAffinity(change: VisitorChange): Map<`${Dimension}\u0000${string}`, number> {
  const sums = new Map<`${Dimension}\u0000${string}`, number>();
  for (const { dimension, value, amount } of change.affinity) {
    const key = `${dimension}\u0000${value}` as const;
    sums.set(key, (sums.get(key) ?? 0) + amount);
  }
  return sums;
}

/** The latest time per product: one update may name a path only once. */
function latestPerProduct(entries: readonly { productId: string; at: Date }[]): Map<string, Date> {
  const latest = new Map<string, Date>();
  for (const { productId, at } of entries) {
    const seen = latest.get(productId);
    if (seen === undefined || at > seen) latest.set(productId, at);
  }
  return latest;
}

export function latestViews(change: VisitorChange): Map<string, Date> {
  return latestPerProduct(change.viewed);
}

export function latestPurchases(change: VisitorChange): Map<string, Date> {
  return latestPerProduct(change.bought);
}

export function emptyAffinity(): Record<Dimension, Record<string, number>> {
  return { size: {}, color: {}, brand: {}, category: {} };
}

/** The answers of `choice` laid over `consent`, as of `now`. */
export function decideConsent(consent: Consent, choice: ConsentChoice, now: Date): Consent {
  return {
    tracking: choice.tracking ?? consent.tracking,
    newsletter: choice.newsletter ?? consent.newsletter,
    updatedAt: now,
  };
}
