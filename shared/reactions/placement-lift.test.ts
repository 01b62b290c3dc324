import { describe, expect, it } from 'vitest';
import { decayEpoch, ForwardDecay } from '../decay.js';
import { ReactionBoard } from './board.js';
import { placementLift } from './placement-lift.js';
import { seededRandom } from './random.js';
import { MemoryReactionStore } from './store/memory.js';
import { reactionReasons } from './thompson.js';

const decay = new ForwardDecay(7 * 86_400_000);
const now = new Date(decayEpoch);

function boardWith(shown: Record<string, [number, number]>): ReactionBoard {
  const board = new ReactionBoard(new MemoryReactionStore(), decay, { refreshMs: 1_000 });
  board.apply(
    Object.entries(shown).map(([productId, [impressions, clicks]]) => ({
      placement: 'SEARCH' as const,
      productId,
      shown: impressions,
      clicked: clicks,
      interest: 0,
    })),
  );
  return board;
}

describe('placementLift', () => {
  it('lifts nothing at a placement where nothing was shown yet', () => {
    const board = boardWith({ ignored: [200, 0] });
    expect(placementLift(board, 'HOME', now, Math.random)).toBeNull();
    expect(placementLift(boardWith({}), 'SEARCH', now, Math.random)).toBeNull();
  });

  it('lifts each product by its own reactions at the placement', () => {
    const lift = placementLift(
      boardWith({ ignored: [200, 0], liked: [100, 30], fresh: [0, 0] }),
      'SEARCH',
      now,
      seededRandom(1),
    );
    expect(lift?.('ignored')).toEqual({ lift: expect.any(Number), reason: reactionReasons.rarelyClicked });
    expect(lift?.('liked').reason).toBe(reactionReasons.oftenClicked);
    expect(lift?.('liked').lift).toBeGreaterThan(1);
    expect(lift?.('never-shown').reason).toBe(reactionReasons.new);
  });

  it('ranks the same way again for the same seed', () => {
    const board = boardWith({ a: [10, 1], b: [10, 0], c: [3, 0] });
    const lifts = (seed: number) => {
      const lift = placementLift(board, 'SEARCH', now, seededRandom(seed));
      return ['a', 'b', 'c'].map((id) => lift?.(id).lift);
    };
    expect(lifts(5)).toEqual(lifts(5));
    expect(lifts(5)).not.toEqual(lifts(6));
  });
});
