import type { Catalog } from './catalog.js';
import type { GatewayClient } from './client.js';
import { type JourneyPlayer, playJourney } from './journey.js';
import type { PlayedRun } from './observations.js';
import { Popularity } from './popularity.js';
import type { Population } from './population.js';

/**
 * Plays every visitor of the population on one running system, `concurrency` journeys at a
 * time, in the population's order, as visitors of a shop overlap.
 */
export async function playPopulation(
  client: GatewayClient,
  population: Population,
  options: { catalog: Catalog; seed: number; concurrency: number },
): Promise<PlayedRun> {
  const run: PlayedRun = { lists: [], nextClicks: [], impressions: 0, recommendationClicks: 0 };
  const player: JourneyPlayer = {
    client,
    population,
    popularity: new Popularity(options.catalog),
    seed: options.seed,
    run,
  };
  const queue = [...population.visitors];
  const playQueued = async () => {
    for (let visitor = queue.shift(); visitor !== undefined; visitor = queue.shift())
      await playJourney(visitor, player);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, playQueued));
  return run;
}
