import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface GeneratedFeed {
  path: string;
  /** Deletes the file: a 50,000-product feed takes 125 MB. */
  remove(): Promise<void>;
}

/**
 * The demo shop's feed with `products` products, written to a temporary file by the demo feed's
 * own generator (`scripts/generate-demo-feed.ts`): the same seeded catalog as
 * `data/demo-feed.tsv`, whose first 2,400 products it repeats, only larger.
 */
export async function generateFeed(products: number): Promise<GeneratedFeed> {
  if (!Number.isInteger(products) || products < 1 || products > 99_999)
    throw new TypeError(`a generated feed has 1 to 99,999 products, got ${products}`);
  const directory = await mkdtemp(join(tmpdir(), 'journeygraph-bench-feed-'));
  const path = join(directory, `demo-${products}.tsv`);
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate-demo-feed.ts', path, '--products', String(products)],
    { cwd: root },
  );
  return { path, remove: () => rm(directory, { recursive: true, force: true }) };
}
