import { applyLoad, type Load, type LoadOptions } from './load.js';
import type { LoadSettings } from './settings.js';

/** Where to send what, and which processes' CPU to count. */
export type LoadTarget = Omit<LoadOptions, 'connections' | 'seconds' | 'requests'>;

/** A server under test, started anew for each of its rounds. */
export interface Contender {
  start(): Promise<{ target: LoadTarget; stop(): Promise<void> }>;
}

/** The round of middle rate: one burst of other work on the machine moves it least. */
function medianRound(loads: readonly Load[]): Load {
  const sorted = [...loads].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)] as Load;
}

/**
 * Loads the contenders in turns, `rounds` times, one at a time at the same concurrency for the
 * same time: each round starts the contender, warms it up, measures, and stops it, so that no
 * other server under test is even running. Resolves to each one's median round. A round in which
 * a contender answered nothing fails: its figures would say nothing.
 */
export async function loadInTurns<TName extends string>(
  contenders: Record<TName, Contender>,
  settings: LoadSettings,
): Promise<Record<TName, Load>> {
  const names = Object.keys(contenders) as TName[];
  const loads = Object.fromEntries(names.map((name) => [name, [] as Load[]])) as Record<TName, Load[]>;
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const name of names) {
      const { target, stop } = await contenders[name].start();
      try {
        await applyLoad({ ...target, ...settings, seconds: settings.warmupSeconds });
        const load = await applyLoad({ ...target, ...settings });
        if (load.answered === 0) {
          throw new Error(
            `${name} answered no request within ${settings.seconds} s: is the machine that busy?`,
          );
        }
        loads[name].push(load);
      } finally {
        await stop();
      }
    }
  }
  return Object.fromEntries(names.map((name) => [name, medianRound(loads[name])])) as Record<TName, Load>;
}
