import type { Env } from '../shared/config/env.js';
import { readMerchandisingFile } from '../shared/merchandising/config.js';
import { loadMerchandising } from '../shared/merchandising/load.js';
import type { Placement } from '../shared/touchpoints.js';

/** The placements where the merchandising rules the services read with `env` boost own brands. */
export async function ownBrandPlacements(env: Env): Promise<Placement[]> {
  return (await loadMerchandising(readMerchandisingFile(env))).ownBrandPlacements();
}
