import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedConfig } from '../config/service.js';
import { createLogger } from '../logging.js';
import { type LiveCatalog, openLiveCatalog } from './live-catalog.js';
import { MemoryProductStore } from './product-store.js';

const header = 'id\ttitle\tprice\tavailability\tbrand\tcolor\tsize\tproduct_type\tquantity';
const row = (id: string, title: string, price = '39.95 EUR') =>
  `${id}\t${title}\t${price}\tin_stock\tLaufwerk\tblau\tM\tBekleidung > Hosen > Laufhosen\t3`;
const tsv = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

const logger = createLogger('live-catalog-test', 'silent');

let directory: string;
const opened: LiveCatalog<unknown>[] = [];
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'journeygraph-live-'));
});
afterAll(async () => {
  await Promise.all(opened.map((catalog) => catalog.stop()));
  await rm(directory, { recursive: true, force: true });
});

async function feedFile(name: string, content: string, reloadIntervalMs: number): Promise<FeedConfig> {
  const path = join(directory, name);
  await writeFile(path, content);
  return { path, ownBrandLabel: 'eigenmarke', reloadIntervalMs };
}

describe('openLiveCatalog', () => {
  it('follows a changed feed file by itself: requests that start afterwards get the new services', async () => {
    const feed = await feedFile('watched.tsv', tsv(row('JG-1', 'Laufhose Tempo')), 5);
    let secondBuild!: () => void;
    const rebuilt = new Promise<void>((resolve) => {
      secondBuild = resolve;
    });
    let builds = 0;
    const catalog = await openLiveCatalog({
      store: new MemoryProductStore(),
      feed,
      logger,
      services: (_, products) => {
        builds += 1;
        if (builds === 2) secondBuild();
        return products.map((product) => product.id).sort();
      },
    });
    opened.push(catalog);
    const startedBefore = catalog.services();

    await writeFile(feed.path, tsv(row('JG-1', 'Laufhose Tempo'), row('JG-2', 'Laufhose Brise')));
    await rebuilt;
    // Queued behind the watcher's reload: it finds the new feed already serving.
    const after = await catalog.reload();

    expect(after).toEqual({ status: 'unchanged', products: 2, skipped: [] });
    expect(startedBefore).toEqual(['JG-1']);
    expect(catalog.services()).toEqual(['JG-1', 'JG-2']);
    expect(builds).toBe(2);
  });

  it('starts on the usable rows of a feed with broken ones, and calls that feed unchanged later', async () => {
    const feed = await feedFile(
      'broken-at-start.tsv',
      tsv(row('JG-1', 'Laufhose Tempo'), row('JG-2', 'Laufhose Brise', 'gratis')),
      0,
    );
    const catalog = await openLiveCatalog({
      store: new MemoryProductStore(),
      feed,
      logger,
      services: (_, products) => products.map((product) => product.id),
    });
    opened.push(catalog);

    expect(catalog.services()).toEqual(['JG-1']);
    expect(await catalog.reload()).toEqual({
      status: 'unchanged',
      products: 1,
      skipped: [{ line: 3, id: 'JG-2', reason: 'price: is not a price like "29.99 EUR"' }],
    });
  });
});
