import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Journey, startJourney } from './support/journey.js';
import { createTestDatabase, type StorageKind, storageKinds, type TestDatabase } from './support/storage.js';

interface Ranked {
  product: { id: string; ownBrand: boolean; variants: { size: string; stock: number }[] };
  reasons: string[];
}

const rankedFields = 'product { id ownBrand variants { size stock } } reasons';

// Issue 5: the touchpoints learn from reactions as they arrive, keep the hard rules everywhere,
// and apply the shop's rules with their reasons.
describe.each(storageKinds)('touchpoints through the gateway on the %s store', (storage: StorageKind) => {
  let journey: Journey;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = storage === 'mongodb' ? await createTestDatabase() : undefined;
    journey = await startJourney({ storage, database });
  });
  afterAll(async () => {
    await journey?.stop();
    await database?.drop();
  });

  async function track(events: Record<string, unknown>[]): Promise<void> {
    const { data, errors } = await journey.query<{ track: { accepted: number } }>(
      'mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }',
      { events },
    );
    expect(errors).toBeUndefined();
    expect(data?.track.accepted).toBe(events.length);
  }

  async function home(visitorId: string, limit = 8): Promise<Ranked[]> {
    const { data, errors } = await journey.query<{ visitor: { recommendations: Ranked[] } }>(
      `query ($id: ID!, $limit: Int!) { visitor(id: $id) { recommendations(placement: HOME, limit: $limit) { ${rankedFields} } } }`,
      { id: visitorId, limit },
    );
    expect(errors).toBeUndefined();
    return data?.visitor.recommendations ?? [];
  }

  /** A visitor the profile knows: one page seen. */
  async function visitor(name: string): Promise<string> {
    const visitorId = `${name}-${storage}`;
    await track([{ visitorId, type: 'PAGE_VIEW' }]);
    return visitorId;
  }

  // "Laufshirt": no merchandising pin for it, which would hold its place whatever visitors do.
  async function searchHits(visitorId: string, query = 'Laufshirt'): Promise<Ranked[]> {
    const { data, errors } = await journey.query<{ visitor: { search: { hits: Ranked[] } } }>(
      `query ($id: ID!, $query: String!) { visitor(id: $id) { search(input: { query: $query, first: 8 }) { hits { ${rankedFields} } } } }`,
      { id: visitorId, query },
    );
    expect(errors).toBeUndefined();
    return data?.visitor.search.hits ?? [];
  }

  /**
   * Reactions of other visitors to a list: every product shown `times` times, the first never
   * clicked, the last clicked often, the rest now and then.
   */
  function reactionsTo(list: Ranked[], placement: 'HOME' | 'SEARCH', viewer: string) {
    const productIds = list.map(({ product }) => product.id);
    const clickType = placement === 'HOME' ? 'RECOMMENDATION_CLICK' : 'PRODUCT_CLICK';
    const click = (productId: string) => ({ visitorId: viewer, type: clickType, productId, placement });
    return [
      ...Array.from({ length: 150 }, () => ({
        visitorId: viewer,
        type: 'IMPRESSION',
        productIds,
        placement,
      })),
      ...Array.from({ length: 40 }, () => click(productIds.at(-1) as string)),
      ...productIds.slice(1, -1).flatMap((productId) => Array.from({ length: 6 }, () => click(productId))),
    ];
  }

  // First: the reactions below add interest of their own.
  it('puts what other visitors want lately first for a visitor it knows nothing of, and says so', async () => {
    const newcomer = await visitor('v-newcomer');
    const before = await home(newcomer, 20);
    const wanted = before.at(-1)?.product.id as string;
    const shoppers = Array.from({ length: 5 }, (_, index) => `v-trend-${index}-${storage}`);
    await track(
      shoppers.flatMap((visitorId) => [
        { visitorId, type: 'PRODUCT_VIEW', productId: wanted },
        { visitorId, type: 'ADD_TO_CART', productId: wanted },
      ]),
    );
    await vi.waitFor(
      async () => {
        const [first] = await home(newcomer, 20);
        expect(first?.product.id).toBe(wanted);
        expect(first?.reasons).toContain('Popular right now');
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it.each([
    ['HOME recommendations', 'HOME', home],
    ['search results', 'SEARCH', searchHits],
  ] as const)(
    're-ranks %s as reactions arrive: the never-clicked sinks, the often-clicked rises, reasons say so',
    async (_, placement, listFor) => {
      const visitorId = await visitor(`v-reacting-${placement}`);
      const before = await listFor(visitorId);
      expect(before.length).toBeGreaterThan(3);
      const neverClicked = before[0]?.product.id;
      const oftenClicked = before.at(-1)?.product.id;

      await track(reactionsTo(before, placement, `v-viewer-${placement}-${storage}`));

      await vi.waitFor(
        async () => {
          const after = await listFor(visitorId);
          expect(after[0]?.product.id).toBe(oftenClicked);
          expect(after[0]?.reasons).toContain('Often clicked here');
          const sunk = after.findIndex(({ product }) => product.id === neverClicked);
          if (sunk !== -1) {
            expect(sunk).toBeGreaterThan(2);
            expect(after[sunk]?.reasons).toContain('Shown often, rarely clicked');
          }
        },
        { timeout: 10_000, interval: 50 },
      );
    },
  );

  it('never recommends a product the visitor bought, at any placement nor in a newsletter', async () => {
    const visitorId = await visitor('v-buyer');
    const [first] = await home(visitorId, 1);
    const bought = first?.product.id as string;
    await journey.query(
      'mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: true }) { newsletter } }',
      { id: visitorId },
    );
    await track([{ visitorId, type: 'PURCHASE', productId: bought }]);
    const { data, errors } = await journey.query<{
      visitor: { home: Ranked[]; search: Ranked[]; newsletter: { products: { id: string }[] } };
    }>(
      `query ($id: ID!) { visitor(id: $id) {
        home: recommendations(placement: HOME, limit: 50) { ${rankedFields} }
        search: recommendations(placement: SEARCH, limit: 50) { ${rankedFields} }
        newsletter(campaignId: "weekly") { products { id } }
      } }`,
      { id: visitorId },
    );
    expect(errors).toBeUndefined();
    const shown = [
      ...(data?.visitor.home ?? []).map(({ product }) => product.id),
      ...(data?.visitor.search ?? []).map(({ product }) => product.id),
      ...(data?.visitor.newsletter.products ?? []).map(({ id }) => id),
    ];
    expect(shown.length).toBeGreaterThan(50);
    expect(shown).not.toContain(bought);
  });

  it('rescues a search that finds nothing: a relaxed search and recommendations in one query', async () => {
    const visitorId = `v-rescued-${storage}`;
    await track([
      {
        visitorId,
        type: 'FILTER',
        search: { query: 'Laufhose Seidenglanz', filters: { sizes: ['XL'] } },
      },
    ]);
    const { data, errors } = await journey.query<{
      visitor: {
        search: { total: number; relaxation: { anyWord: boolean; message: string } | null; hits: Ranked[] };
        recommendations: Ranked[];
      };
    }>(
      `query ($id: ID!) { visitor(id: $id) {
        search(input: { query: "Laufhose Seidenglanz", filters: { sizes: ["XL"] } }) {
          total relaxation { anyWord message } hits { ${rankedFields} }
        }
        recommendations(placement: SEARCH, limit: 4) { ${rankedFields} }
      } }`,
      { id: visitorId },
    );
    expect(errors).toBeUndefined();
    const { search, recommendations } = data?.visitor ?? { search: null, recommendations: [] };
    expect(search?.relaxation?.anyWord).toBe(true);
    expect(search?.total).toBeGreaterThan(0);
    const inXl = ({ product }: Ranked) => product.variants.some((v) => v.size === 'XL' && v.stock > 0);
    expect(search?.hits.every(inXl)).toBe(true);
    expect(recommendations).toHaveLength(4);
    expect(recommendations.every(inXl)).toBe(true);
    expect(recommendations[0]?.reasons[0]).toBe('Close to your search "Laufhose Seidenglanz"');
  });

  it('shows the shop’s own brands first where the rules ask, with the rule as a reason', async () => {
    const hits = await searchHits(await visitor('v-own-brands'), 'Laufhose');
    const ownBrand = hits.find(({ product }) => product.ownBrand);
    expect(ownBrand?.reasons).toContain('Our own brand');
  });

  it('refuses an unknown facet value, naming it', async () => {
    const { errors } = await journey.query(
      '{ search(input: { filters: { colors: ["ultraviolett"] } }) { total } }',
    );
    expect(errors?.[0]?.message).toContain('"ultraviolett"');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('composes a newsletter of a hero and blocks, every product in the recipient’s size', async () => {
    const visitorId = `v-reader-${storage}`;
    await journey.query(
      'mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: true }) { newsletter } }',
      { id: visitorId },
    );
    await track([{ visitorId, type: 'FILTER', search: { query: 'Laufhose', filters: { sizes: ['L'] } } }]);
    const { data, errors } = await journey.query<{
      visitor: {
        newsletter: {
          subject: string;
          hero: Ranked | null;
          blocks: { title: string; items: Ranked[] }[];
          products: { id: string }[];
        };
      };
    }>(
      `query ($id: ID!) { visitor(id: $id) { newsletter(campaignId: "weekly") {
        subject hero { ${rankedFields} } blocks { title items { ${rankedFields} } } products { id }
      } } }`,
      { id: visitorId },
    );
    expect(errors).toBeUndefined();
    const newsletter = data?.visitor.newsletter;
    const items = [newsletter?.hero, ...(newsletter?.blocks ?? []).flatMap(({ items: block }) => block)];
    expect(newsletter?.blocks.length).toBeGreaterThan(0);
    expect(newsletter?.blocks[0]?.title).toBe('Neu in L für dich');
    expect(items.map((item) => item?.product.id)).toEqual(newsletter?.products.map(({ id }) => id));
    for (const item of items) {
      expect(item?.product.variants.some((v) => v.size === 'L' && v.stock > 0)).toBe(true);
      expect(item?.reasons).toContain('In stock in your size L');
    }
  });
});
