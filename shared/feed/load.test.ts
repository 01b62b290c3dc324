import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFeed } from './load.js';
import { FeedError } from './parse.js';

const options = { ownBrandLabel: 'eigenmarke' };
const demoFeed = fileURLToPath(new URL('../../data/demo-feed.tsv', import.meta.url));

const header = 'id\titem_group_id\ttitle\tprice\tavailability\tbrand\tcolor\tsize\tproduct_type\tquantity';
const tsv = [
  header,
  'JG-00001-BLA-XL\tJG-00001\tLaufhose Tempo\t39.95 EUR\tout_of_stock\tLaufwerk\tblau\tXL\tBekleidung > Hosen > Laufhosen\t0',
  'JG-00001-SWZ-XL\tJG-00001\tLaufhose Tempo\t39.95 EUR\tin_stock\tLaufwerk\tschwarz\tXL\tBekleidung > Hosen > Laufhosen\t4',
].join('\n');
const json = JSON.stringify({
  items: [
    {
      id: 'JG-00002-WEI-L',
      item_group_id: 'JG-00002',
      title: 'Hemd Kiel',
      price: '49.95 EUR',
      availability: 'in_stock',
      brand: 'Küstenwind',
      color: 'weiß',
      size: 'L',
      product_type: 'Bekleidung > Oberteile > Hemden',
      quantity: 2,
    },
  ],
});

let directory: string;

async function feedFile(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

async function loadError(path: string): Promise<FeedError> {
  const error = await loadFeed(path, options).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof FeedError) return error;
  throw new Error(`expected a FeedError, got ${String(error)}`);
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'journeygraph-feed-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('loadFeed', () => {
  it('reads a .tsv feed from disk and says where it came from', async () => {
    const path = await feedFile('shop.tsv', tsv);

    const feed = await loadFeed(path, options);

    expect(feed.path).toBe(path);
    expect(feed.report).toEqual({ rows: 2, products: 1, variants: 2, skipped: [] });
    expect(feed.products[0]?.variants.map((variant) => [variant.color, variant.size, variant.stock])).toEqual(
      [
        ['blau', 'XL', 0],
        ['schwarz', 'XL', 4],
      ],
    );
    expect(feed.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a .json feed from disk', async () => {
    const feed = await loadFeed(await feedFile('shop.json', json), options);

    expect(feed.products.map((product) => [product.id, product.title, product.variants.length])).toEqual([
      ['JG-00002', 'Hemd Kiel', 1],
    ]);
  });

  it('reads the extension case-insensitively and a .txt feed as TSV', async () => {
    const upper = await loadFeed(await feedFile('SHOP.TSV', tsv), options);
    const text = await loadFeed(await feedFile('shop.txt', tsv), options);

    expect(upper.report.variants).toBe(2);
    expect(text.report.variants).toBe(2);
  });

  it('gives the same fingerprint for the same content and options, and another when either changes', async () => {
    const first = await loadFeed(await feedFile('first.tsv', tsv), options);
    const copy = await loadFeed(await feedFile('copy.tsv', tsv), options);
    const changed = await loadFeed(await feedFile('changed.tsv', tsv.replace('\t4', '\t5')), options);
    const otherLabel = await loadFeed(first.path, { ownBrandLabel: 'hausmarke' });

    expect(copy.fingerprint).toBe(first.fingerprint);
    expect(changed.fingerprint).not.toBe(first.fingerprint);
    expect(otherLabel.fingerprint).not.toBe(first.fingerprint);
    expect(copy.path).toBe(join(directory, 'copy.tsv'));
  });

  it('names the path when the file cannot be read', async () => {
    const path = join(directory, 'missing.tsv');

    const error = await loadError(path);

    expect(error.message).toBe(`feed ${path} cannot be read: ENOENT`);
  });

  it('names the path when a directory stands where the feed should be', async () => {
    const path = join(directory, 'folder.tsv');
    await mkdir(path);

    const error = await loadError(path);

    expect(error.message).toBe(`feed ${path} cannot be read: EISDIR`);
  });

  it('refuses a file with an unknown extension, naming the path', async () => {
    const path = await feedFile('shop.xml', '<rss/>');

    const error = await loadError(path);

    expect(error.message).toBe(`feed ${path}: unknown format, expected a .tsv, .txt, .csv or .json file`);
  });

  it('names the path when the feed in the file cannot be used', async () => {
    const path = await feedFile('headless.tsv', tsv.replace('\tbrand', '\tmarke'));

    const error = await loadError(path);

    expect(error.message).toBe(`feed ${path}: feed header lacks the column(s) brand`);
  });
});

describe('the demo feed', () => {
  it('loads without a skipped row: a German apparel shop of 2,000 products and more', async () => {
    const { products, report } = await loadFeed(demoFeed, options);
    const variants = products.flatMap((product) => product.variants);

    expect(report.skipped).toEqual([]);
    expect(products.length).toBeGreaterThanOrEqual(2_000);
    expect(new Set(products.map((product) => product.brand)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(products.filter((product) => product.ownBrand).map((product) => product.brand))).toEqual(
      new Set(['Nordpfad', 'Laufwerk', 'Stadtfaden']),
    );
    expect(new Set(products.map((product) => product.category)).size).toBeGreaterThanOrEqual(10);
    expect([...new Set(variants.map((variant) => variant.size))]).toEqual(
      expect.arrayContaining(['XS', 'S', 'M', 'L', 'XL', 'XXL']),
    );
    const soldOut = variants.filter((variant) => variant.stock === 0).length / variants.length;
    expect(soldOut).toBeGreaterThan(0.15);
    expect(soldOut).toBeLessThan(0.25);
  });

  it('has running pants in blau and XL, some in stock and some sold out', async () => {
    const { products } = await loadFeed(demoFeed, options);
    const runningPants = products.filter((product) => product.category === 'Laufhosen');
    const blueXl = (stocked: boolean) =>
      runningPants.filter((product) =>
        product.variants.some(
          (variant) => variant.color === 'blau' && variant.size === 'XL' && variant.stock > 0 === stocked,
        ),
      );

    expect(runningPants.length).toBeGreaterThanOrEqual(100);
    expect(runningPants.every((product) => product.title.includes('Laufhose'))).toBe(true);
    expect(blueXl(true).length).toBeGreaterThanOrEqual(50);
    expect(
      blueXl(false).some((product) =>
        product.variants.some(
          (variant) => variant.color === 'schwarz' && variant.size === 'XL' && variant.stock > 0,
        ),
      ),
    ).toBe(true);
  });
});
