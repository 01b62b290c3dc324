import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FeedWatcher, readFeedSignature, watchFeedFile } from './feed-watcher.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Long enough that only the test's own `poll()` calls look at the file. */
const manualOnly = 3_600_000;

let directory: string;
let feed: string;
let watcher: FeedWatcher | undefined;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'journeygraph-watch-'));
});
afterEach(() => watcher?.stop());
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function watch(
  onChange: () => Promise<unknown>,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Promise<FeedWatcher> {
  feed = join(directory, `feed-${Math.random().toString(36).slice(2)}.tsv`);
  await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n');
  watcher = watchFeedFile({
    path: feed,
    intervalMs: options.intervalMs ?? manualOnly,
    baseline: await readFeedSignature(feed),
    onChange,
    onError: options.onError ?? ((error) => expect.fail(`unexpected reload error: ${String(error)}`)),
  });
  return watcher;
}

describe('watchFeedFile', () => {
  it('calls for one reload when the feed file changes, at its interval', async () => {
    const reloaded = deferred();
    let reloads = 0;
    const watching = await watch(
      async () => {
        reloads += 1;
        reloaded.resolve();
      },
      { intervalMs: 5 },
    );

    await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n2\tLaufhose Brise\n');
    await reloaded.promise;
    await watching.poll();
    await watching.poll();

    expect(reloads).toBe(1);
  });

  it('calls for no reload while the file stays as it was', async () => {
    let reloads = 0;
    const watching = await watch(async () => {
      reloads += 1;
    });

    await watching.poll();
    await watching.poll();

    expect(reloads).toBe(0);
  });

  it('sees a feed replaced by a rename, even one of the same size', async () => {
    let reloads = 0;
    const watching = await watch(async () => {
      reloads += 1;
    });
    const next = join(directory, 'next.tsv');
    await writeFile(next, 'id\ttitle\n1\tLaufhose Tempa\n');

    await rename(next, feed);
    await watching.poll();

    expect(reloads).toBe(1);
  });

  it('sees a feed that disappears, and again when it comes back', async () => {
    let reloads = 0;
    const watching = await watch(async () => {
      reloads += 1;
    });

    await unlink(feed);
    await watching.poll();
    await watching.poll();
    await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n');
    await watching.poll();

    expect(reloads).toBe(2);
  });

  it('starts no second reload while one runs, and reloads a change made meanwhile at the next poll', async () => {
    const started = deferred();
    const release = deferred();
    let reloads = 0;
    const watching = await watch(async () => {
      reloads += 1;
      started.resolve();
      if (reloads === 1) await release.promise;
    });

    await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n2\tLaufhose Brise\n');
    const first = watching.poll();
    await started.promise;
    await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n2\tLaufhose Brise\n3\tLaufhose Föhn\n');
    const during = watching.poll();
    release.resolve();
    await Promise.all([first, during]);
    expect(reloads).toBe(1);

    await watching.poll();
    expect(reloads).toBe(2);
  });

  it('reports a failed reload and tries again at the next poll', async () => {
    const errors: unknown[] = [];
    let reloads = 0;
    const watching = await watch(
      async () => {
        reloads += 1;
        if (reloads === 1) throw new Error('store unreachable');
      },
      { onError: (error) => errors.push(error) },
    );

    await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n2\tLaufhose Brise\n');
    await watching.poll();
    await watching.poll();
    await watching.poll();

    expect(errors.map((error) => (error as Error).message)).toEqual(['store unreachable']);
    expect(reloads).toBe(2);
  });

  it('starts no reload once it is stopped', async () => {
    let reloads = 0;
    const watching = await watch(async () => {
      reloads += 1;
    });

    watching.stop();
    await writeFile(feed, 'id\ttitle\n1\tLaufhose Tempo\n2\tLaufhose Brise\n');
    await watching.poll();

    expect(reloads).toBe(0);
  });

  it('refuses an interval that is not a whole number of milliseconds above 0', () => {
    const start = (intervalMs: number) => () =>
      watchFeedFile({
        path: 'feed.tsv',
        intervalMs,
        baseline: '',
        onChange: async () => {},
        onError: () => {},
      });

    expect(start(0)).toThrow(
      new TypeError('intervalMs must be a whole number of milliseconds above 0, got 0'),
    );
    expect(start(2.5)).toThrow(TypeError);
  });
});
