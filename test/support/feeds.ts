import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const demoFeedPath = fileURLToPath(new URL('../../data/demo-feed.tsv', import.meta.url));

const samples = new Map<number, string>();

/**
 * The first `products` products of the demo feed, as a feed file of their own. FerretDB, the
 * MongoDB stand-in of the tests, scans where MongoDB uses an index; its suites use a sample so
 * that they test the same behaviour in seconds.
 */
export function demoFeedSample(products: number): string {
  const cached = samples.get(products);
  if (cached !== undefined) return cached;
  const [header, ...rows] = readFileSync(demoFeedPath, 'utf8').trimEnd().split('\n');
  const groupColumn = (header ?? '').split('\t').indexOf('item_group_id');
  const groups = new Set<string>();
  const kept = rows.filter((row) => {
    const group = row.split('\t')[groupColumn] ?? '';
    if (!groups.has(group) && groups.size >= products) return false;
    groups.add(group);
    return true;
  });
  const path = join(mkdtempSync(join(tmpdir(), 'journeygraph-feed-')), `demo-${products}.tsv`);
  writeFileSync(path, `${[header, ...kept].join('\n')}\n`);
  samples.set(products, path);
  return path;
}
