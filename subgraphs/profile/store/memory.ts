import { MemoryProductStore } from '../../../shared/catalog/product-store.js';
import type { VisitorChange } from '../affinity.js';
import type { TouchpointEvent } from '../events.js';
import type { Dimension } from '../vocabulary.js';
import {
  type Consent,
  type ConsentChoice,
  consentNotAsked,
  decideConsent,
  emptyAffinity,
  latestPurchases,
  latestViews,
  type ProfileStore,
  summedAffinity,
  type VisitorRecord,
} from './port.js';

function mapValues<V>(values: Record<string, V>, copy: (value: V) => V): Record<string, V> {
  const copied: Record<string, V> = {};
  for (const key of Object.keys(values)) copied[key] = copy(values[key] as V);
  return copied;
}

/**
 * A record as a read from MongoDB hands it out: the caller's own copy, to change at will. Copied
 * field by field: `structuredClone` took 7.6 µs for a small record where this takes 0.8 µs, and
 * a seventh of the profile subgraph's CPU for a visitor's preferences.
 */
function copyOf(record: VisitorRecord): VisitorRecord {
  const { affinity, lastSearch, consent } = record;
  return {
    id: record.id,
    firstSeenAt: new Date(record.firstSeenAt),
    lastEventAt: new Date(record.lastEventAt),
    affinity: mapValues(affinity, (values) => ({ ...values })) as VisitorRecord['affinity'],
    viewed: mapValues(record.viewed, (at) => new Date(at)),
    bought: mapValues(record.bought, (at) => new Date(at)),
    lastSearch:
      lastSearch === null
        ? null
        : {
            ...lastSearch,
            sizes: [...lastSearch.sizes],
            colors: [...lastSearch.colors],
            brands: [...lastSearch.brands],
            categories: [...lastSearch.categories],
            at: new Date(lastSearch.at),
          },
    consent: { ...consent, updatedAt: consent.updatedAt === null ? null : new Date(consent.updatedAt) },
  };
}

/** The embedded store: same behaviour as MongoDB, kept in this process, gone at exit. */
export class MemoryProfileStore implements ProfileStore {
  readonly products = new MemoryProductStore();
  private readonly visitors = new Map<string, VisitorRecord>();
  private readonly events = new Map<string, TouchpointEvent[]>();
  /** Calls that MongoDB would answer with one round trip each (tests count them). */
  roundTrips = 0;

  async findVisitors(ids: readonly string[]): Promise<(VisitorRecord | null)[]> {
    this.roundTrips += 1;
    return ids.map((id) => {
      const record = this.visitors.get(id);
      return record === undefined ? null : copyOf(record);
    });
  }

  async declinedTracking(ids: readonly string[]): Promise<Set<string>> {
    this.roundTrips += 1;
    return new Set(ids.filter((id) => this.visitors.get(id)?.consent.tracking === false));
  }

  async recordEvents(events: readonly TouchpointEvent[], changes: readonly VisitorChange[]): Promise<void> {
    this.roundTrips += 2;
    for (const event of events) {
      const list = this.events.get(event.visitorId) ?? [];
      list.push(structuredClone(event));
      this.events.set(event.visitorId, list);
    }
    for (const change of changes) this.apply(change);
  }

  private apply(change: VisitorChange): void {
    const record = this.visitors.get(change.visitorId) ?? {
      id: change.visitorId,
      firstSeenAt: new Date(),
      lastEventAt: change.lastEventAt,
      affinity: emptyAffinity(),
      viewed: {},
      bought: {},
      lastSearch: null,
      consent: consentNotAsked,
    };
    if (change.lastEventAt > record.lastEventAt) record.lastEventAt = change.lastEventAt;
    for (const [key, amount] of summedAffinity(change)) {
      const [dimension, value] = key.split('\u0000') as [Dimension, string];
      record.affinity[dimension][value] = (record.affinity[dimension][value] ?? 0) + amount;
    }
    for (const [productId, at] of latestViews(change)) {
      const seen = record.viewed[productId];
      if (seen === undefined || at > seen) record.viewed[productId] = at;
    }
    for (const [productId, at] of latestPurchases(change)) {
      const seen = record.bought[productId];
      if (seen === undefined || at > seen) record.bought[productId] = at;
    }
    if (change.lastSearch !== null) record.lastSearch = structuredClone(change.lastSearch);
    this.visitors.set(change.visitorId, record);
  }

  async eventsOf(visitorId: string): Promise<TouchpointEvent[]> {
    this.roundTrips += 1;
    return [...(this.events.get(visitorId) ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  readonly expiresByItself = false;

  private newVisitor(id: string, now: Date): VisitorRecord {
    return {
      id,
      firstSeenAt: now,
      lastEventAt: now,
      affinity: emptyAffinity(),
      viewed: {},
      bought: {},
      lastSearch: null,
      consent: consentNotAsked,
    };
  }

  async startVisitor(id: string, consent: ConsentChoice, now: Date): Promise<void> {
    this.roundTrips += 1;
    const record = this.newVisitor(id, now);
    record.consent = decideConsent(record.consent, consent, now);
    this.visitors.set(id, record);
  }

  async setConsent(id: string, consent: ConsentChoice, now: Date): Promise<Consent> {
    this.roundTrips += 1;
    const record = this.visitors.get(id) ?? this.newVisitor(id, now);
    record.consent = decideConsent(record.consent, consent, now);
    this.visitors.set(id, record);
    return { ...record.consent };
  }

  async expireBefore(cutoff: Date): Promise<{ events: number; visitors: number }> {
    this.roundTrips += 2;
    let events = 0;
    for (const [visitorId, list] of this.events) {
      const kept = list.filter((event) => event.at >= cutoff);
      events += list.length - kept.length;
      if (kept.length === 0) this.events.delete(visitorId);
      else this.events.set(visitorId, kept);
    }
    let visitors = 0;
    for (const [id, record] of this.visitors) {
      if (record.lastEventAt < cutoff) {
        this.visitors.delete(id);
        visitors += 1;
      }
    }
    return { events, visitors };
  }

  async forgetVisitor(id: string): Promise<boolean> {
    this.roundTrips += 2;
    const existed = this.visitors.delete(id);
    return this.events.delete(id) || existed;
  }

  async close(): Promise<void> {}
}
