import type { VisitorChange } from './affinity.js';
import type { TouchpointEvent } from './events.js';
import { GroupCommit } from './group-commit.js';
import type { ProfileStore } from './store/port.js';

/**
 * Stores the accepted events of concurrent `track` calls in group commits (see `GroupCommit`):
 * per group one insert of the events, and one profile update per visitor with the increments of
 * every call summed. A call is answered once its group is stored; a group that fails fails each
 * of its calls, and none of them is acknowledged.
 */
export type EventRecorder = GroupCommit<readonly TouchpointEvent[]>;

export function createEventRecorder(
  store: ProfileStore,
  changesOf: (events: readonly TouchpointEvent[]) => VisitorChange[],
): EventRecorder {
  return new GroupCommit(async (calls) => {
    const events = calls.flat();
    await store.recordEvents(events, changesOf(events));
  });
}
