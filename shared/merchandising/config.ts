import { fileURLToPath } from 'node:url';
import { type Env, readString } from '../config/env.js';

const shippedRules = fileURLToPath(new URL('../../config/merchandising.json', import.meta.url));

/** The merchandising file: `MERCHANDISING_FILE`, or the rules shipped in `config/merchandising.json`. */
export function readMerchandisingFile(env: Env): string {
  return readString(env, 'MERCHANDISING_FILE', shippedRules);
}
