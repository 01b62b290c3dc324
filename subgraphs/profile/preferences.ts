import type { ForwardDecay } from '../../shared/decay.js';
import type { VisitorRecord } from './store/port.js';
import type { Dimension } from './vocabulary.js';

export interface Affinity {
  value: string;
  score: number;
}

export interface Preferences {
  sizes: Affinity[];
  colors: Affinity[];
  brands: Affinity[];
  categories: Affinity[];
}

/** Scores that have decayed below this say nothing any more and are left out. */
const forgottenBelow = 0.01;
const maxAffinities = 20;

function affinitiesOf(sums: Record<string, number>, decay: ForwardDecay, now: Date): Affinity[] {
  return Object.entries(sums)
    .map(([value, stored]) => ({ value, score: Math.round(decay.score(stored, now) * 1_000) / 1_000 }))
    .filter((affinity) => affinity.score >= forgottenBelow)
    .sort((a, b) => b.score - a.score || a.value.localeCompare(b.value))
    .slice(0, maxAffinities);
}

export function preferencesOf(record: VisitorRecord | null, decay: ForwardDecay, now: Date): Preferences {
  const sums = (dimension: Dimension) => record?.affinity[dimension] ?? {};
  return {
    sizes: affinitiesOf(sums('size'), decay, now),
    colors: affinitiesOf(sums('color'), decay, now),
    brands: affinitiesOf(sums('brand'), decay, now),
    categories: affinitiesOf(sums('category'), decay, now),
  };
}
