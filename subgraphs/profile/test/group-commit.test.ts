import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../group-commit.js';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * A group commit whose writes wait until the test releases them. It records every group it was
 * given, and fails a group holding "fail".
 */
function heldWrites() {
  const groups: string[][] = [];
  const releases: Deferred[] = [];
  const started: Deferred[] = [deferred()];
  const commit = new GroupCommit<string>(async (items) => {
    groups.push(items);
    const release = deferred();
    releases.push(release);
    started[groups.length - 1]?.resolve();
    started.push(deferred());
    await release.promise;
    if (items.includes('fail')) throw new Error('the store is down');
  });
  return {
    commit,
    groups,
    /** Resolves once the `number`th write (from 1) has started. */
    started: (number: number) => (started[number - 1] as Deferred).promise,
    release: (number: number) => (releases[number - 1] as Deferred).resolve(),
  };
}

describe('GroupCommit', () => {
  it('writes the items handed in during one tick in one write', async () => {
    const { commit, groups, started, release } = heldWrites();
    const calls = Promise.all(['a', 'b', 'c'].map((item) => commit.submit(item)));
    await started(1);
    release(1);
    await calls;
    expect(groups).toEqual([['a', 'b', 'c']]);
  });

  it('holds items handed in while a write runs, then writes them together in the next write', async () => {
    const { commit, groups, started, release } = heldWrites();
    const first = commit.submit('a');
    await started(1);
    const later = Promise.all(['b', 'c', 'd'].map((item) => commit.submit(item)));
    let answered = 0;
    void later.then(() => (answered = 3));
    expect(groups).toEqual([['a']]);
    release(1);
    await first;
    await started(2);
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    expect(answered).toBe(0);
    release(2);
    await later;
  });

  it('fails every caller of a group whose write fails, and writes the next group', async () => {
    const { commit, groups, started, release } = heldWrites();
    const first = commit.submit('a');
    await started(1);
    const failing = ['b', 'fail'].map((item) => commit.submit(item));
    release(1);
    await first;
    await started(2);
    const after = commit.submit('c');
    release(2);
    for (const call of failing) await expect(call).rejects.toThrow('the store is down');
    await started(3);
    release(3);
    await after;
    expect(groups).toEqual([['a'], ['b', 'fail'], ['c']]);
  });

  it('starts a write at once for an item handed in after the writes went idle', async () => {
    const { commit, groups, started, release } = heldWrites();
    const first = commit.submit('a');
    await started(1);
    release(1);
    await first;
    const second = commit.submit('b');
    await started(2);
    release(2);
    await second;
    expect(groups).toEqual([['a'], ['b']]);
  });
});
