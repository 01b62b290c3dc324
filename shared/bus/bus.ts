import { type EventStream, InProcessEventStream } from './event-stream.js';
import { LocalProfileChanges, type ProfileChanges } from './profile-changes.js';

/** How the services talk besides the graph: profile changes (fan-out) and the event stream. */
export interface Bus {
  changes: ProfileChanges;
  events: EventStream;
  close(): Promise<void>;
}

/** For services in one process (npm start, tests): one bus shared by all of them. */
export function inProcessBus(): Bus {
  const changes = new LocalProfileChanges();
  const events = new InProcessEventStream();
  return {
    changes,
    events,
    close: async () => {
      await changes.close();
      await events.close();
    },
  };
}
