import { stat } from 'node:fs/promises';

/**
 * How the feed file looks from outside: a feed replaced by a rename (new inode), rewritten in
 * place (size, modification time) or gone reads differently. Never throws: a missing or
 * unreadable file is a state of its own, so that its reappearance is a change too.
 */
export async function readFeedSignature(path: string): Promise<string> {
  try {
    const file = await stat(path, { bigint: true });
    return `${file.ino}:${file.size}:${file.mtimeNs}`;
  } catch (error) {
    return `unreadable:${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

export interface FeedWatcher {
  /** Looks at the file once now; resolves when the reload it started, if any, has ended. */
  poll(): Promise<void>;
  /** No reload starts after this; one already running is the caller's to wait for. */
  stop(): void;
}

/**
 * Polls the feed file's signature (cheap: one `stat`, not a read) and calls `onChange` when it
 * differs from the last one a reload went through for. One reload at a time: a poll while one
 * runs waits for it instead of starting another, and a change made meanwhile is seen by the
 * next poll. A reload that fails is tried again at the next poll.
 */
export function watchFeedFile(options: {
  path: string;
  intervalMs: number;
  /** The file's signature when the catalog now serving was read. */
  baseline: string;
  onChange: () => Promise<unknown>;
  onError: (error: unknown) => void;
}): FeedWatcher {
  const { path, intervalMs, onChange, onError } = options;
  if (!Number.isInteger(intervalMs) || intervalMs <= 0) {
    throw new TypeError(`intervalMs must be a whole number of milliseconds above 0, got ${intervalMs}`);
  }
  let seen = options.baseline;
  let running: Promise<void> | undefined;
  let stopped = false;

  const check = async () => {
    const signature = await readFeedSignature(path);
    // Checked after the stat too: the service may have stopped, and its store closed, meanwhile.
    if (stopped || signature === seen) return;
    try {
      await onChange();
      seen = signature;
    } catch (error) {
      onError(error);
    }
  };
  const poll = () => {
    if (stopped) return Promise.resolve();
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void poll(), intervalMs);
  // Watching alone must not keep a process alive that has nothing else to do.
  timer.unref();
  return {
    poll,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
