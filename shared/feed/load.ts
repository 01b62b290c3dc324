import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { FeedError, type FeedFormat, type FeedOptions, type ParsedFeed, parseFeed } from './parse.js';

export interface LoadedFeed extends ParsedFeed {
  path: string;
  /** SHA-256 of the file and the options: a service re-imports only when this changes. */
  fingerprint: string;
}

function formatOf(path: string): FeedFormat {
  switch (extname(path).toLowerCase()) {
    case '.json':
      return 'json';
    case '.csv':
      return 'csv';
    case '.tsv':
    case '.txt':
      return 'tsv';
    default:
      throw new FeedError(`feed ${path}: unknown format, expected a .tsv, .txt, .csv or .json file`);
  }
}

// Services that run in one process (npm start) read the same file; parse it once per content,
// keeping only the latest few versions so that reloads do not pile up.
const parsedByFingerprint = new Map<string, ParsedFeed>();
const keptVersions = 4;

export async function loadFeed(path: string, options: FeedOptions): Promise<LoadedFeed> {
  const format = formatOf(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new FeedError(
      `feed ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const fingerprint = createHash('sha256').update(bytes).update(JSON.stringify(options)).digest('hex');
  let parsed = parsedByFingerprint.get(fingerprint);
  if (parsed === undefined) {
    try {
      parsed = parseFeed(bytes.toString('utf8'), format, options);
    } catch (error) {
      if (error instanceof FeedError) throw new FeedError(`feed ${path}: ${error.message}`);
      throw error;
    }
    parsedByFingerprint.set(fingerprint, parsed);
    const oldest = parsedByFingerprint.keys().next().value;
    if (parsedByFingerprint.size > keptVersions && oldest !== undefined) parsedByFingerprint.delete(oldest);
  }
  return { ...parsed, path, fingerprint };
}
