import { type Env, readChoice, readInteger, readNumber } from '../config/env.js';

/** How a touchpoint learns from visitors' reactions to its lists. */
export interface ReactionConfig {
  /** Off: the touchpoint learns nothing from reactions (REACTION_LEARNING=on|off). */
  learning: boolean;
  /** After this long an impression, a click or a sign of interest counts half as much. */
  halfLifeDays: number;
  /** How often an instance reads what the others learned. */
  refreshMs: number;
}

export function readReactionConfig(env: Env): ReactionConfig {
  return {
    learning: readChoice(env, 'REACTION_LEARNING', ['on', 'off'], 'on') === 'on',
    // Below 7 days the forward-decay sums would outgrow a double within a few years (see decay.ts).
    halfLifeDays: readNumber(env, 'REACTION_HALF_LIFE_DAYS', 7, { min: 7, max: 3_650 }),
    refreshMs: readInteger(env, 'REACTION_REFRESH_MS', 1_000, { min: 100, max: 3_600_000 }),
  };
}
