import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogReload } from '../shared/catalog/reload.js';
import { readFeedConfig } from '../shared/config/service.js';
import { type Journey, startJourney } from './support/journey.js';
import { createTestDatabase, type StorageKind, storageKinds, type TestDatabase } from './support/storage.js';

const header = 'id\titem_group_id\ttitle\tprice\tavailability\tbrand\tcolor\tsize\tproduct_type\tquantity';

function variant(group: string, title: string, size: string, stock: number, price = '39.95 EUR'): string {
  const availability = stock > 0 ? 'in_stock' : 'out_of_stock';
  return `${group}-${size}\t${group}\t${title}\t${price}\t${availability}\tLaufwerk\tblau\t${size}\tBekleidung > Sport\t${stock}`;
}
const feedOf = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

// Three products to start with; the shop then adds Laufhose Brise, sells Laufhose Tempo out and
// drops Wollmütze Fjell.
const startFeed = feedOf(
  variant('JG-90001', 'Laufhose Tempo', 'M', 4),
  variant('JG-90002', 'Regenjacke Sturm', 'L', 2),
  variant('JG-90003', 'Wollmütze Fjell', 'S', 7),
);
const changedRows = [
  variant('JG-90001', 'Laufhose Tempo', 'M', 0),
  variant('JG-90002', 'Regenjacke Sturm', 'L', 2),
  variant('JG-90004', 'Laufhose Brise', 'L', 5),
];

interface CatalogView {
  tempo: { variants: { sku: string; stock: number; inStock: boolean }[] } | null;
  sturm: { variants: { stock: number }[] } | null;
  fjell: { title: string } | null;
  brise: { title: string } | null;
  runningPants: { total: number; items: { id: string }[] };
  everything: { items: { id: string }[] };
  visitor: {
    recommendations: { product: { id: string } }[];
    newsletter: { products: { id: string }[] };
  };
}

const catalogQuery = `query ($visitorId: ID!) {
  tempo: product(id: "JG-90001") { variants { sku stock inStock } }
  sturm: product(id: "JG-90002") { variants { stock } }
  fjell: product(id: "JG-90003") { title }
  brise: product(id: "JG-90004") { title }
  runningPants: search(input: { query: "Laufhose" }) { total items { id } }
  everything: search(input: { first: 50 }) { items { id } }
  visitor(id: $visitorId) {
    recommendations(placement: HOME, limit: 50) { product { id } }
    newsletter(campaignId: "weekly") { products { id } }
  }
}`;

const idsOf = (items: { id: string }[]) => items.map((item) => item.id).sort();

describe.each(storageKinds)(
  'reloading the catalog from a changed feed on the %s store',
  (storage: StorageKind) => {
    let journey: Journey;
    let database: TestDatabase | undefined;
    let directory: string;
    let feedPath: string;
    let visitorId: string;

    /** What every catalog service serves, seen through the gateway. */
    async function catalogView(): Promise<CatalogView> {
      const { data, errors } = await journey.query<CatalogView>(catalogQuery, { visitorId });
      expect(errors).toBeUndefined();
      return data as CatalogView;
    }

    const reloadEveryService = (): Promise<CatalogReload[]> =>
      Promise.all([
        journey.search.reloadCatalog(),
        journey.recommendation.reloadCatalog(),
        journey.newsletter.reloadCatalog(),
      ]);

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'journeygraph-reload-'));
      feedPath = join(directory, 'feed.tsv');
      await writeFile(feedPath, startFeed);
      database = storage === 'mongodb' ? await createTestDatabase() : undefined;
      // Watching is off: only the test's reloadCatalog() calls reload, so each answers for its change.
      journey = await startJourney({
        storage,
        database,
        env: { FEED_PATH: feedPath, FEED_RELOAD_INTERVAL_MS: '0' },
      });
      const { data, errors } = await journey.query<{ startVisit: { visitorId: string } }>(
        'mutation { startVisit(consent: { tracking: true, newsletter: true }) { visitorId } }',
        {},
        null,
      );
      expect(errors).toBeUndefined();
      visitorId = (data as { startVisit: { visitorId: string } }).startVisit.visitorId;
    });
    afterAll(async () => {
      await journey?.stop();
      await database?.drop();
      await rm(directory, { recursive: true, force: true });
    });

    it('serves the feed it started with', async () => {
      const view = await catalogView();

      expect(view.tempo?.variants).toEqual([{ sku: 'JG-90001-M', stock: 4, inStock: true }]);
      expect(view.fjell).toEqual({ title: 'Wollmütze Fjell' });
      expect(view.brise).toBeNull();
      expect(idsOf(view.runningPants.items)).toEqual(['JG-90001']);
      expect(idsOf(view.everything.items)).toEqual(['JG-90001', 'JG-90002', 'JG-90003']);
      expect(idsOf(view.visitor.recommendations.map(({ product }) => product))).toEqual([
        'JG-90001',
        'JG-90002',
        'JG-90003',
      ]);
      expect(idsOf(view.visitor.newsletter.products)).toEqual(['JG-90001', 'JG-90002', 'JG-90003']);
    });

    it('serves an added product, a changed stock and a removed product after a reload, without a restart', async () => {
      await writeFile(feedPath, feedOf(...changedRows));

      const reloads = await reloadEveryService();
      const view = await catalogView();

      expect(reloads).toEqual([
        { status: 'reloaded', products: 3, skipped: [] },
        { status: 'reloaded', products: 3, skipped: [] },
        { status: 'reloaded', products: 3, skipped: [] },
      ]);
      expect(view.brise).toEqual({ title: 'Laufhose Brise' });
      expect(view.tempo?.variants).toEqual([{ sku: 'JG-90001-M', stock: 0, inStock: false }]);
      expect(view.fjell).toBeNull();
      expect(view.runningPants.total).toBe(2);
      expect(idsOf(view.runningPants.items)).toEqual(['JG-90001', 'JG-90004']);
      expect(idsOf(view.everything.items)).toEqual(['JG-90001', 'JG-90002', 'JG-90004']);
      // Recommendation and newsletter rank their own rebuilt catalogs: only what is in stock now.
      expect(idsOf(view.visitor.recommendations.map(({ product }) => product))).toEqual([
        'JG-90002',
        'JG-90004',
      ]);
      expect(idsOf(view.visitor.newsletter.products)).toEqual(['JG-90002', 'JG-90004']);
    });

    it('answers unchanged when the feed is the one already serving', async () => {
      expect(await reloadEveryService()).toEqual([
        { status: 'unchanged', products: 3, skipped: [] },
        { status: 'unchanged', products: 3, skipped: [] },
        { status: 'unchanged', products: 3, skipped: [] },
      ]);
    });

    it('rejects a feed with one broken row, naming the row, and keeps serving the catalog it had', async () => {
      const before = await catalogView();
      await writeFile(
        feedPath,
        feedOf(
          variant('JG-90001', 'Laufhose Tempo', 'M', 0),
          variant('JG-90002', 'Regenjacke Sturm', 'L', 9),
          variant('JG-90004', 'Laufhose Brise', 'L', 5),
          variant('JG-90005', 'Laufhose Föhn', 'M', 3, 'gratis'),
        ),
      );

      const reloads = await reloadEveryService();

      for (const reload of reloads) {
        expect(reload).toEqual({
          status: 'rejected',
          products: 3,
          skipped: [{ line: 5, id: 'JG-90005-M', reason: 'price: is not a price like "29.99 EUR"' }],
          reason: `feed ${feedPath} has 1 broken row; a catalog is reloaded only from a feed without any`,
        });
      }
      const after = await catalogView();
      expect(after.sturm?.variants).toEqual([{ stock: 2 }]);
      expect(after).toEqual(before);
    });

    it('rejects a feed that is gone or has no rows, and keeps serving the catalog it had', async () => {
      const before = await catalogView();

      await unlink(feedPath);
      const gone = await journey.search.reloadCatalog();
      await writeFile(feedPath, feedOf());
      const empty = await journey.recommendation.reloadCatalog();

      expect(gone).toEqual({
        status: 'rejected',
        products: 3,
        skipped: [],
        reason: `feed ${feedPath} cannot be read: ENOENT`,
      });
      expect(empty).toEqual({
        status: 'rejected',
        products: 3,
        skipped: [],
        reason: `feed ${feedPath}: feed has no rows`,
      });
      expect(await catalogView()).toEqual(before);
    });

    it('reloads a repaired feed after a rejected one', async () => {
      await writeFile(feedPath, feedOf(...changedRows, variant('JG-90005', 'Laufhose Föhn', 'M', 3)));

      const reloads = await reloadEveryService();
      const view = await catalogView();

      expect(reloads.map((reload) => [reload.status, reload.products])).toEqual([
        ['reloaded', 4],
        ['reloaded', 4],
        ['reloaded', 4],
      ]);
      expect(idsOf(view.runningPants.items)).toEqual(['JG-90001', 'JG-90004', 'JG-90005']);
      expect(idsOf(view.everything.items)).toEqual(['JG-90001', 'JG-90002', 'JG-90004', 'JG-90005']);
      expect(idsOf(view.visitor.newsletter.products)).toEqual(['JG-90002', 'JG-90004', 'JG-90005']);
    });
  },
);

describe('FEED_RELOAD_INTERVAL_MS', () => {
  it('is 5 seconds unless set, and 0 switches watching off', () => {
    expect(readFeedConfig({}).reloadIntervalMs).toBe(5_000);
    expect(readFeedConfig({ FEED_RELOAD_INTERVAL_MS: '0' }).reloadIntervalMs).toBe(0);
    expect(readFeedConfig({ FEED_RELOAD_INTERVAL_MS: '250' }).reloadIntervalMs).toBe(250);
  });

  it('refuses a value that is not a whole number of milliseconds, naming the variable', () => {
    for (const bad of ['-1', '1.5', 'soon', '2147483648']) {
      expect(() => readFeedConfig({ FEED_RELOAD_INTERVAL_MS: bad })).toThrow(
        `FEED_RELOAD_INTERVAL_MS must be a whole number from 0 to 2147483647, got "${bad}"`,
      );
    }
  });
});
