import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './support/journey.js';
import { createTestDatabase, type StorageKind, storageKinds, type TestDatabase } from './support/storage.js';

interface VariantView {
  size: string;
  color: string;
  stock: number;
  inStock: boolean;
}
interface ProductView {
  id: string;
  title: string;
  category: string;
  variants: VariantView[];
}

const inStockIn = (product: ProductView, size: string, color?: string) =>
  product.variants.some(
    (variant) => variant.inStock && variant.size === size && (color === undefined || variant.color === color),
  );

const productFields = 'id title category variants { size color stock inStock }';

// The brief's scenario: a visitor filters a search for running pants by XL and blue and clicks a
// result; from then on every touchpoint knows it, answered by ONE query through the gateway.
describe.each(storageKinds)(
  'the customer journey through the gateway on the %s store',
  (storage: StorageKind) => {
    let journey: Journey;
    let database: TestDatabase | undefined;
    const visitorId = `v-journey-${storage}`;
    let clicked: ProductView;

    beforeAll(async () => {
      database = storage === 'mongodb' ? await createTestDatabase() : undefined;
      journey = await startJourney({ storage, database });
    });
    afterAll(async () => {
      await journey?.stop();
      await database?.drop();
    });

    it('finds blue running pants in stock in XL when the visitor filters for them', async () => {
      const { data, errors } = await journey.query<{ search: { total: number; items: ProductView[] } }>(
        `query ($input: SearchInput!) { search(input: $input) { total items { ${productFields} } } }`,
        { input: { query: 'Laufhose', filters: { sizes: ['XL'], colors: ['blau'] }, first: 10 } },
      );
      expect(errors).toBeUndefined();
      expect(data?.search.total).toBeGreaterThan(3);
      for (const item of data?.search.items ?? []) {
        expect(item.category).toBe('Laufhosen');
        expect(inStockIn(item, 'XL', 'blau')).toBe(true);
      }
      clicked = data?.search.items[0] as ProductView;
    });

    it('stores the search and the click the visitor tracks', async () => {
      const { data, errors } = await journey.query<{ track: { accepted: number; rejected: unknown[] } }>(
        `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted rejected { index reason } } }`,
        {
          events: [
            {
              visitorId,
              type: 'SEARCH',
              search: { query: 'Laufhose', filters: { sizes: ['XL'], colors: ['blau'] } },
            },
            { visitorId, type: 'PRODUCT_CLICK', productId: clicked.id, placement: 'SEARCH' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data?.track).toEqual({ accepted: 2, rejected: [] });
      // The newsletter goes only to visitors who agreed to it.
      const consent = await journey.query<{ setConsent: { newsletter: boolean } }>(
        `mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: true }) { newsletter } }`,
        { id: visitorId },
      );
      expect(consent.data?.setConsent.newsletter).toBe(true);
    });

    it('answers one query with preferences, alternatives in XL with blue first, and a newsletter fit for XL', async () => {
      const { data, errors } = await journey.query<{
        visitor: {
          preferences: { sizes: { value: string }[]; colors: { value: string }[] };
          recommendations: { score: number; reasons: string[]; product: ProductView }[];
          newsletter: { subject: string; products: ProductView[] };
        };
      }>(
        `query ($id: ID!, $productId: ID!) {
        visitor(id: $id) {
          preferences { sizes { value score } colors { value score } }
          recommendations(placement: PRODUCT_DETAIL, productId: $productId, limit: 8) {
            score reasons product { ${productFields} }
          }
          newsletter(campaignId: "weekly") { subject products { ${productFields} } }
        }
      }`,
        { id: visitorId, productId: clicked.id },
      );
      expect(errors).toBeUndefined();
      const visitor = data?.visitor;
      expect(visitor?.preferences.sizes[0]?.value).toBe('XL');
      expect(visitor?.preferences.colors[0]?.value).toBe('blau');

      const recommended = visitor?.recommendations ?? [];
      expect(recommended.length).toBe(8);
      for (const { product, reasons } of recommended) {
        expect(product.id).not.toBe(clicked.id);
        expect(product.category).toBe(clicked.category);
        expect(inStockIn(product, 'XL')).toBe(true);
        expect(reasons.join(' ')).toContain('XL');
      }
      const blueInXl = recommended.map(({ product }) => inStockIn(product, 'XL', 'blau'));
      expect(blueInXl[0]).toBe(true);
      // Blue first: once an item is not in blue, none after it is.
      expect(blueInXl.indexOf(false) === -1 || !blueInXl.slice(blueInXl.indexOf(false)).includes(true)).toBe(
        true,
      );

      const newsletter = visitor?.newsletter;
      expect(newsletter?.subject).toBe('Neue Laufhosen in XL für dich');
      expect(newsletter?.products.length).toBeGreaterThan(0);
      for (const product of newsletter?.products ?? []) expect(inStockIn(product, 'XL')).toBe(true);
    });

    it('sends no newsletter content for a visitor who has not agreed to newsletters', async () => {
      const undecided = `${visitorId}-undecided`;
      await journey.query(`mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`, {
        events: [{ visitorId: undecided, type: 'PAGE_VIEW' }],
      });
      const { data, errors } = await journey.query<{ visitor: { newsletter: null } }>(
        `query ($id: ID!) { visitor(id: $id) { newsletter(campaignId: "weekly") { subject } } }`,
        { id: undecided },
      );
      expect(data?.visitor.newsletter).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('NO_NEWSLETTER_CONSENT');
      expect(errors?.[0]?.message).toContain('has not agreed to receive newsletters');
    });

    it('has running pants sold out in XL, so the size rule is doing real work', async () => {
      const { data } = await journey.query<{ search: { total: number } }>(
        `{ search(input: { filters: { categories: ["Laufhosen"] }, first: 1 }) { total } }`,
      );
      const { data: inXl } = await journey.query<{ search: { total: number } }>(
        `{ search(input: { filters: { categories: ["Laufhosen"], sizes: ["XL"] }, first: 1 }) { total } }`,
      );
      expect(inXl?.search.total).toBeLessThan(data?.search.total ?? 0);
    });

    it('ranks the visitor’s own search by their preferences', async () => {
      const { data, errors } = await journey.query<{ visitor: { search: { items: ProductView[] } } }>(
        `query ($id: ID!) { visitor(id: $id) { search(input: { query: "Laufhose", first: 5 }) { items { ${productFields} } } } }`,
        { id: visitorId },
      );
      expect(errors).toBeUndefined();
      for (const item of data?.visitor.search.items ?? []) expect(inStockIn(item, 'XL', 'blau')).toBe(true);
    });

    it('forgets the visitor: no profile and no events are left', async () => {
      const { data } = await journey.query<{ forgetVisitor: boolean }>(
        `mutation ($id: ID!) { forgetVisitor(id: $id) }`,
        { id: visitorId },
      );
      expect(data?.forgetVisitor).toBe(true);
      const after = await journey.query<{ visitor: null }>(`query ($id: ID!) { visitor(id: $id) { id } }`, {
        id: visitorId,
      });
      expect(after.data?.visitor).toBeNull();
      expect(await journey.profile.store.eventsOf(visitorId)).toEqual([]);
    });
  },
);
