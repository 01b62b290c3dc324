import { loadCatalog } from './catalog.js';
import { GatewayClient } from './client.js';
import { ownBrandPlacements } from './features.js';
import {
  type ClickThroughResult,
  type HardRuleResult,
  type HitRateResult,
  measureClickThrough,
  measureColourTop3,
  measureHardRules,
  measureHitRate,
  measureOwnBrands,
  type OwnBrandResult,
  share,
} from './metrics.js';
import type { PlayedRun } from './observations.js';
import { playPopulation } from './play.js';
import { generatePopulation } from './population.js';
import { startShop } from '../shop.js';
import { evaluationEnv } from './environment.js';

export interface EvaluationOptions {
  visitors: number;
  seed: number;
  /** Journeys played at the same time. */
  concurrency: number;
}

export interface RunResult {
  /** REACTION_LEARNING on or off. */
  name: 'learned' | 'unlearned';
  hardRules: HardRuleResult;
  clickThrough: ClickThroughResult;
}

export interface Evaluation {
  visitors: number;
  seed: number;
  /** Search-and-click steps per run. */
  steps: number;
  /** True when no run broke a hard rule. */
  passed: boolean;
  runs: RunResult[];
  // The rest is measured on the first run: the system as it runs by default.
  colourTop3: { slots: number; share: number | null };
  hitRateAt10: HitRateResult;
  ownBrands: OwnBrandResult;
  /** Click-through of the learned ranking against the unlearned one; null without clicks. */
  clickThroughRatio: number | null;
  wallTimeSeconds: number;
}

/**
 * Plays a seeded synthetic population through a freshly started system and measures it, twice:
 * learning from reactions on, then off, the same journeys each time.
 */
export async function evaluate(options: EvaluationOptions): Promise<Evaluation> {
  const startedAt = performance.now();
  const settingsEnv = evaluationEnv();
  const catalog = await loadCatalog(settingsEnv);
  const population = generatePopulation(catalog, options);
  const placements = await ownBrandPlacements(settingsEnv);
  const plans = [
    { name: 'learned', settings: { REACTION_LEARNING: 'on' } },
    { name: 'unlearned', settings: { REACTION_LEARNING: 'off' } },
  ] as const;

  const played: { name: RunResult['name']; run: PlayedRun }[] = [];
  for (const plan of plans) {
    const shop = await startShop(evaluationEnv(plan.settings));
    try {
      const client = new GatewayClient(shop.gatewayUrl);
      const run = await playPopulation(client, population, { ...options, catalog });
      played.push({ name: plan.name, run });
    } finally {
      await shop.stop();
    }
  }

  const runs = played.map(({ name, run }) => ({
    name,
    hardRules: measureHardRules(run),
    clickThrough: measureClickThrough(run),
  }));
  const main = (played[0] as { run: PlayedRun }).run;
  const [learned, unlearned] = runs;
  return {
    visitors: options.visitors,
    seed: options.seed,
    steps: main.nextClicks.length,
    passed: runs.every((result) => Object.values(result.hardRules.broken).every((count) => !count)),
    runs,
    colourTop3: measureColourTop3(main),
    hitRateAt10: measureHitRate(main),
    ownBrands: measureOwnBrands(main, catalog, placements),
    clickThroughRatio:
      learned?.clickThrough.rate == null || unlearned?.clickThrough.rate == null
        ? null
        : share(learned.clickThrough.rate, unlearned.clickThrough.rate),
    wallTimeSeconds: (performance.now() - startedAt) / 1_000,
  };
}
