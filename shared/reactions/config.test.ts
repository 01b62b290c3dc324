import { describe, expect, it } from 'vitest';
import { readReactionConfig } from './config.js';

describe('readReactionConfig', () => {
  it('learns, with a half-life of 7 days and a refresh every second, when nothing is set', () => {
    expect(readReactionConfig({})).toEqual({ learning: true, halfLifeDays: 7, refreshMs: 1_000 });
  });

  it('reads every variable', () => {
    expect(
      readReactionConfig({
        REACTION_LEARNING: 'off',
        REACTION_HALF_LIFE_DAYS: '14.5',
        REACTION_REFRESH_MS: '250',
      }),
    ).toEqual({ learning: false, halfLifeDays: 14.5, refreshMs: 250 });
  });

  it('names the variable that is wrong', () => {
    expect(() => readReactionConfig({ REACTION_LEARNING: 'yes' })).toThrow(
      'REACTION_LEARNING must be one of on, off, got "yes"',
    );
    expect(() => readReactionConfig({ REACTION_HALF_LIFE_DAYS: '1' })).toThrow(
      'REACTION_HALF_LIFE_DAYS must be a number from 7 to 3650, got "1"',
    );
    expect(() => readReactionConfig({ REACTION_REFRESH_MS: 'soon' })).toThrow(
      'REACTION_REFRESH_MS must be a whole number from 100 to 3600000, got "soon"',
    );
  });
});
