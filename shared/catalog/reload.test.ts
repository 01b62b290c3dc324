import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedConfig } from '../config/service.js';
import { createLogger } from '../logging.js';
import type { Product } from './product.js';
import { MemoryProductStore } from './product-store.js';
import { CatalogReloader } from './reload.js';
import { syncCatalog } from './sync.js';

const header = 'id\ttitle\tprice\tavailability\tbrand\tcolor\tsize\tproduct_type\tquantity';
const row = (id: string, title: string) =>
  `${id}\t${title}\t39.95 EUR\tin_stock\tLaufwerk\tblau\tM\tBekleidung > Hosen > Laufhosen\t3`;
const tsv = (...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

const logger = createLogger('reload-test', 'silent');

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'journeygraph-reload-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A reloader whose services are the catalog's ids, on a store synced with a one-product feed. */
async function reloaderOn(name: string, build: (catalog: readonly Product[]) => Promise<string[]>) {
  const feed: FeedConfig = { path: join(directory, name), ownBrandLabel: 'eigenmarke', reloadIntervalMs: 0 };
  await writeFile(feed.path, tsv(row('JG-1', 'Laufhose Tempo')));
  const store = new MemoryProductStore();
  const synced = await syncCatalog(store, feed, logger);
  const reloader = new CatalogReloader(
    { store, feed, logger, services: (_, catalog) => build(catalog) },
    { services: ['JG-1'], fingerprint: synced.fingerprint, products: synced.products.length },
  );
  return { feed, reloader };
}

const ids = async (catalog: readonly Product[]) => catalog.map((product) => product.id).sort();

describe('CatalogReloader', () => {
  it('runs reloads one at a time, in the order they were asked for', async () => {
    const steps: string[] = [];
    const firstStarted = deferred();
    const releaseFirst = deferred();
    const { feed, reloader } = await reloaderOn('one-at-a-time.tsv', async (catalog) => {
      const build = steps.filter((step) => step.endsWith('starts')).length + 1;
      steps.push(`build ${build} starts`);
      if (build === 1) {
        firstStarted.resolve();
        await releaseFirst.promise;
      }
      steps.push(`build ${build} ends`);
      return ids(catalog);
    });

    await writeFile(feed.path, tsv(row('JG-1', 'Laufhose Tempo'), row('JG-2', 'Laufhose Brise')));
    const first = reloader.reload();
    await firstStarted.promise;
    await writeFile(feed.path, tsv(row('JG-2', 'Laufhose Brise')));
    const second = reloader.reload();
    // A reload that did not wait would reach its build after one file read (the store is in
    // memory): two reads later it would have started.
    await readFile(feed.path);
    await readFile(feed.path);
    releaseFirst.resolve();

    expect(await first).toEqual({ status: 'reloaded', products: 2, skipped: [] });
    expect(await second).toEqual({ status: 'reloaded', products: 1, skipped: [] });
    expect(steps).toEqual(['build 1 starts', 'build 1 ends', 'build 2 starts', 'build 2 ends']);
    expect(reloader.services).toEqual(['JG-2']);
  });

  it('keeps the old services when building the new ones fails, and reloads at the next try', async () => {
    let builds = 0;
    const { feed, reloader } = await reloaderOn('failing-build.tsv', async (catalog) => {
      builds += 1;
      if (builds === 1) throw new Error('index cannot be built');
      return ids(catalog);
    });
    await writeFile(feed.path, tsv(row('JG-1', 'Laufhose Tempo'), row('JG-2', 'Laufhose Brise')));

    await expect(reloader.reload()).rejects.toThrow('index cannot be built');
    expect(reloader.services).toEqual(['JG-1']);

    expect(await reloader.reload()).toEqual({ status: 'reloaded', products: 2, skipped: [] });
    expect(reloader.services).toEqual(['JG-1', 'JG-2']);
  });

  it('waits for a running reload when stopped, and refuses new ones', async () => {
    const steps: string[] = [];
    const started = deferred();
    const release = deferred();
    const { feed, reloader } = await reloaderOn('stopping.tsv', async (catalog) => {
      started.resolve();
      await release.promise;
      steps.push('services built');
      return ids(catalog);
    });
    await writeFile(feed.path, tsv(row('JG-1', 'Laufhose Tempo'), row('JG-2', 'Laufhose Brise')));

    const running = reloader.reload();
    await started.promise;
    const stopping = reloader.stop().then(() => steps.push('stopped'));
    release.resolve();
    await Promise.all([running, stopping]);

    expect(steps).toEqual(['services built', 'stopped']);
    await expect(reloader.reload()).rejects.toThrow('the catalog service has stopped');
  });
});
