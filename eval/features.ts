import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Env } from '../shared/config/env.js';
import type { Placement } from '../shared/touchpoints.js';
import { readNewsletterConfig } from '../subgraphs/newsletter/config.js';
import { readProfileConfig } from '../subgraphs/profile/config.js';
import { readRecommendationConfig } from '../subgraphs/recommendation/config.js';
import { readSearchConfig } from '../subgraphs/search/config.js';
import type { GatewayClient } from './client.js';
import * as operations from './operations.js';

// Some of what the evaluation measures is being built (issue #5). Each check here finds out
// whether this checkout has it, so that the report says "n/a" instead of failing.

/** `Visitor.purchased`, which comes with the hard rule that leaves bought products out. */
export async function hasPurchasedField(client: GatewayClient): Promise<boolean> {
  const { __type: visitor } = await client.request<operations.VisitorFieldsData>(operations.visitorFields);
  return visitor?.fields.some((field) => field.name === 'purchased') ?? false;
}

/** True when some service reads `REACTION_LEARNING`: its configuration differs between on and off. */
export function hasReactionLearning(env: Env): boolean {
  const readers = [readProfileConfig, readSearchConfig, readRecommendationConfig, readNewsletterConfig];
  return readers.some(
    (read) =>
      !isDeepStrictEqual(
        read({ ...env, REACTION_LEARNING: 'on' }),
        read({ ...env, REACTION_LEARNING: 'off' }),
      ),
  );
}

interface MerchandisingModules {
  load: { loadMerchandising?: unknown };
  config: { readMerchandisingFile?: unknown };
}

const merchandisingModules = {
  load: new URL('../shared/merchandising/load.ts', import.meta.url),
  config: new URL('../shared/merchandising/config.ts', import.meta.url),
};

/**
 * The placements where the merchandising rules (the file the services read with `env`) boost
 * own brands; null when this checkout has no merchandising.
 */
export async function ownBrandPlacements(env: Env): Promise<Placement[] | null> {
  if (!Object.values(merchandisingModules).every((url) => existsSync(fileURLToPath(url)))) return null;
  // Imported by path at run time: the evaluation builds and type-checks without the module.
  const modules: MerchandisingModules = {
    load: (await import(merchandisingModules.load.href)) as MerchandisingModules['load'],
    config: (await import(merchandisingModules.config.href)) as MerchandisingModules['config'],
  };
  const { loadMerchandising } = modules.load;
  const { readMerchandisingFile } = modules.config;
  if (typeof loadMerchandising !== 'function' || typeof readMerchandisingFile !== 'function') return null;
  const merchandiser = (await loadMerchandising(readMerchandisingFile(env))) as {
    ownBrandPlacements?: unknown;
  };
  if (typeof merchandiser.ownBrandPlacements !== 'function') return null;
  return merchandiser.ownBrandPlacements() as Placement[];
}
