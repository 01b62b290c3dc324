/**
 * What the subscribers select and what each profile change is. Every change of a visitor is
 * unlike the visitor's previous one, so a message tells which change it carries and whether
 * the fields other subgraphs added were computed from it.
 */
export interface Change {
  size: string;
  color: string;
  /** A product the visitor views with the change (`live` only). */
  productId: string;
}

export type Verdict =
  /** Carries this change, every field computed from it. */
  | 'fresh'
  | 'errors'
  /** The profile's own fields are not those of this change. */
  | 'another change'
  /** Fields from another subgraph were computed from an earlier change (or are missing). */
  | 'stale'
  /** Nothing in the message can tell (no recommendations). */
  | 'untold';

export interface VisitorUpdatedMessage {
  data?: { visitorUpdated?: VisitorUpdate | null } | null;
  errors?: readonly unknown[];
}

interface VisitorUpdate {
  lastSearch?: { sizes: string[]; colors: string[] } | null;
  recentlyViewed?: { id: string; title: string | null }[];
  recommendations?: { product: { id: string }; reasons: string[] }[];
}

export interface Workload {
  name: string;
  subscription: string;
  changeOf(visitor: number, change: number): Change;
  /** The `track` events that make the change. */
  events(visitorId: string, change: Change): unknown[];
  verdict(message: VisitorUpdatedMessage, change: Change): Verdict;
}

const sizes = ['S', 'M', 'L', 'XL'];
const colors = ['blau', 'schwarz', 'grau', 'rot'];
/** The demo feed's products are JG-00001 … JG-02400. */
const products = 2_400;

function changeOf(visitor: number, change: number): Change {
  return {
    size: sizes[(visitor + change) % sizes.length] as string,
    color: colors[(visitor + change) % colors.length] as string,
    productId: `JG-${String(1 + ((visitor * 7 + change) % products)).padStart(5, '0')}`,
  };
}

function filterEvent(visitorId: string, { size, color }: Change) {
  return { visitorId, type: 'FILTER', search: { filters: { sizes: [size], colors: [color] } } };
}

function profileVerdict(update: VisitorUpdate, change: Change): Verdict | undefined {
  return update.lastSearch?.sizes[0] === change.size && update.lastSearch.colors[0] === change.color
    ? undefined
    : 'another change';
}

/**
 * The scale test: the profile's fields plus the viewed products' titles from the search
 * subgraph, one entity fetch per message. Cheap on the subgraphs, so the gateway is what is
 * measured.
 */
export const live: Workload = {
  name: 'live',
  subscription: `subscription ($id: ID!) {
    visitorUpdated(id: $id) {
      lastSearch { sizes colors }
      preferences { sizes { value } colors { value } }
      recentlyViewed(limit: 4) { id title }
    }
  }`,
  changeOf,
  events: (visitorId, change) => [
    filterEvent(visitorId, change),
    { visitorId, type: 'PRODUCT_VIEW', productId: change.productId },
  ],
  verdict(message, change) {
    const update = message.data?.visitorUpdated;
    if ((message.errors?.length ?? 0) > 0 || update == null) return 'errors';
    const latest = update.recentlyViewed?.[0];
    return (
      profileVerdict(update, change) ??
      (latest?.id === change.productId && typeof latest.title === 'string' && latest.title !== ''
        ? 'fresh'
        : 'stale')
    );
  },
};

/**
 * The freshness test: recommendations `@requires` the visitor's fresh profile, and each says
 * "In stock in your size X" for the size the visitor just filtered for. One that names an
 * earlier size was computed from an earlier change.
 */
export const requires: Workload = {
  name: '@requires',
  subscription: `subscription ($id: ID!) {
    visitorUpdated(id: $id) {
      lastSearch { sizes colors }
      preferences { sizes { value } colors { value } }
      recommendations(placement: HOME, limit: 4) { product { id } reasons }
    }
  }`,
  changeOf,
  events: (visitorId, change) => [filterEvent(visitorId, change)],
  verdict(message, change) {
    const update = message.data?.visitorUpdated;
    if ((message.errors?.length ?? 0) > 0 || update == null) return 'errors';
    const recommendations = update.recommendations ?? [];
    return (
      profileVerdict(update, change) ??
      (recommendations.length === 0
        ? 'untold'
        : recommendations.every(({ reasons }) => reasons.includes(`In stock in your size ${change.size}`))
          ? 'fresh'
          : 'stale')
    );
  },
};
