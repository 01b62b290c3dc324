import { loadCatalog } from './catalog.js';
import { GatewayClient } from './client.js';
import { hasPurchasedField, hasReactionLearning, ownBrandPlacements } from './features.js';
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
  /** `learned`/`unlearned`: REACTION_LEARNING on/off; `default`: a system without that switch. */
  name: 'learned' | 'unlearned' | 'default';
  hardRules: HardRuleResult;
  clickThrough: ClickThroughResult;
}

export interface Evaluation {
  visitors: number;
  seed: number;
  /** Search-and-click steps per run. */
  steps: number;
  /** What this checkout has of the features under construction; a missing one reads n/a. */
  features: { purchased: boolean; merchandising: boolean; reactionLearning: boolean };
  /** True when no run broke a hard rule. */
  passed: boolean;
  runs: RunResult[];
  // The rest is measured on the first run: the system as it runs by default.
  colourTop3: { slots: number; share: number | null };
  hitRateAt10: HitRateResult;
  /** Null without merchandising rules. */
  ownBrands: OwnBrandResult | null;
  /** Click-through of the learned ranking against the unlearned one; null without reaction learning. */
  clickThroughRatio: number | null;
  wallTimeSeconds: number;
}

/**
 * Plays a seeded synthetic population through a freshly started system and measures it; with
 * reaction learning, twice (learning on, then off), the same journeys each time.
 */
export async function evaluate(options: EvaluationOptions): Promise<Evaluation> {
  const startedAt = performance.now();
  const settingsEnv = evaluationEnv();
  const catalog = await loadCatalog(settingsEnv);
  const population = generatePopulation(catalog, options);
  const reactionLearning = hasReactionLearning(settingsEnv);
  const placements = await ownBrandPlacements(settingsEnv);
  const plans = reactionLearning
    ? ([
        { name: 'learned', settings: { REACTION_LEARNING: 'on' } },
        { name: 'unlearned', settings: { REACTION_LEARNING: 'off' } },
      ] as const)
    : ([{ name: 'default', settings: {} }] as const);

  let purchased = false;
  const played: { name: RunResult['name']; run: PlayedRun }[] = [];
  for (const plan of plans) {
    const shop = await startShop(evaluationEnv(plan.settings));
    try {
      const client = new GatewayClient(shop.gatewayUrl);
      purchased = await hasPurchasedField(client);
      const run = await playPopulation(client, population, {
        ...options,
        catalog,
        purchasedField: purchased,
      });
      played.push({ name: plan.name, run });
    } finally {
      await shop.stop();
    }
  }

  const runs = played.map(({ name, run }) => ({
    name,
    hardRules: measureHardRules(run, purchased),
    clickThrough: measureClickThrough(run),
  }));
  const main = (played[0] as { run: PlayedRun }).run;
  const [learned, unlearned] = runs;
  return {
    visitors: options.visitors,
    seed: options.seed,
    steps: main.nextClicks.length,
    features: { purchased, merchandising: placements !== null, reactionLearning },
    passed: runs.every((result) => Object.values(result.hardRules.broken).every((count) => !count)),
    runs,
    colourTop3: measureColourTop3(main),
    hitRateAt10: measureHitRate(main),
    ownBrands: placements === null ? null : measureOwnBrands(main, catalog, placements),
    clickThroughRatio:
      learned?.clickThrough.rate == null || unlearned?.clickThrough.rate == null
        ? null
        : share(learned.clickThrough.rate, unlearned.clickThrough.rate),
    wallTimeSeconds: (performance.now() - startedAt) / 1_000,
  };
}
