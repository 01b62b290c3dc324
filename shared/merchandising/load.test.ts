import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeAttribute } from '../catalog/product.js';
import { readFeedConfig } from '../config/service.js';
import { loadFeed } from '../feed/load.js';
import { readMerchandisingFile } from './config.js';
import { loadMerchandising } from './load.js';
import { parseMerchandisingRules } from './rules.js';

const shippedFile = fileURLToPath(new URL('../../config/merchandising.json', import.meta.url));

describe('loadMerchandising', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'merchandising-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function file(name: string, text: string): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, text);
    return path;
  }

  it('refuses a file that is not JSON, naming it', async () => {
    const path = await file('broken.json', '{ "rules": [ }');
    await expect(loadMerchandising(path)).rejects.toThrow(`merchandising file ${path} is not valid JSON`);
  });

  it('refuses a file that does not exist, naming it', async () => {
    const path = join(directory, 'missing.json');
    await expect(loadMerchandising(path)).rejects.toThrow(`merchandising file ${path} cannot be read`);
  });

  it('refuses invalid rules, naming the file, the rule and the fault', async () => {
    const rule = {
      id: 'sale-last',
      action: 'bury',
      factor: 2,
      when: { labels: ['sale'] },
      reason: 'On sale',
    };
    const path = await file('invalid.json', JSON.stringify({ rules: [rule] }));
    await expect(loadMerchandising(path)).rejects.toThrow(
      `merchandising file ${path} is invalid: rules[0] ("sale-last"): factor: a bury factor must be less than 1, got 2`,
    );
  });

  it('reads the shipped rules by default and another file from MERCHANDISING_FILE', () => {
    expect(readMerchandisingFile({})).toBe(shippedFile);
    expect(readMerchandisingFile({ MERCHANDISING_FILE: '/etc/shop/rules.json' })).toBe(
      '/etc/shop/rules.json',
    );
  });
});

describe('the shipped config/merchandising.json', () => {
  it('loads and puts own brands first at every placement', async () => {
    const merchandiser = await loadMerchandising(readMerchandisingFile({}));
    expect(merchandiser.ownBrandPlacements()).toEqual([
      'HOME',
      'PRODUCT_DETAIL',
      'CART',
      'SEARCH',
      'NEWSLETTER',
    ]);
  });

  it('names only products, labels, categories and brands of the demo feed, and pins running pants', async () => {
    const { rules } = parseMerchandisingRules(JSON.parse(await readFile(shippedFile, 'utf8')), shippedFile);
    const { path, ownBrandLabel } = readFeedConfig({});
    const { products } = await loadFeed(path, { ownBrandLabel });
    const byId = new Map(products.map((product) => [normalizeAttribute(product.id), product]));
    const inFeed = {
      labels: new Set(products.flatMap((product) => product.labels)),
      categories: new Set(
        products.flatMap((product) => [product.category, ...product.categoryPath].map(normalizeAttribute)),
      ),
      brands: new Set(products.map((product) => normalizeAttribute(product.brand))),
    };

    for (const rule of rules) {
      const productIds = rule.action === 'pin' ? rule.productIds : (rule.when.productIds ?? []);
      for (const id of productIds) expect(byId.has(normalizeAttribute(id)), `${rule.id}: ${id}`).toBe(true);
      if (rule.action === 'pin') continue;
      for (const key of ['labels', 'categories', 'brands'] as const) {
        for (const value of rule.when[key] ?? [])
          expect(inFeed[key].has(normalizeAttribute(value)), `${rule.id}: ${key} ${value}`).toBe(true);
      }
    }

    const laufhosePin = rules.find((rule) => rule.action === 'pin' && rule.queries?.includes('laufhose'));
    expect(laufhosePin?.action).toBe('pin');
    for (const id of laufhosePin?.action === 'pin' ? laufhosePin.productIds : []) {
      expect(byId.get(normalizeAttribute(id))?.category).toBe('Laufhosen');
    }
    expect(rules.some((rule) => rule.action === 'boost' && rule.when.labels !== undefined)).toBe(true);
    expect(rules.some((rule) => rule.action === 'bury' && rule.when.categories !== undefined)).toBe(true);
  });
});
