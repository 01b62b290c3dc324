import type { Caller } from '../../shared/auth/caller.js';
import type { Logger } from '../../shared/logging.js';
import type { ProfileConfig } from './config.js';
import type { ForwardDecay } from '../../shared/decay.js';
import { createLoaders, type ProfileLoaders } from './loaders.js';
import type { EventStream } from '../../shared/bus/event-stream.js';
import type { ProfileChanges } from '../../shared/bus/profile-changes.js';
import type { RateLimiter } from './rate-limit.js';
import type { ProfileStore } from './store/port.js';
import type { Vocabulary } from './vocabulary.js';
import type { Product } from '../../shared/catalog/product.js';
import type { EventRecorder } from './event-recorder.js';

/** What lives as long as the service: built once in `buildApp`. */
export interface ProfileServices {
  config: ProfileConfig;
  store: ProfileStore;
  decay: ForwardDecay;
  vocabulary: Vocabulary;
  /** The stored catalog, held in memory: events are checked against it without a round trip. */
  catalog: ReadonlyMap<string, Product>;
  logger: Logger;
  now: () => Date;
  /** Stores `track` calls' events, concurrent calls together. */
  recorder: EventRecorder;
  startVisitLimiter: RateLimiter;
  changes: ProfileChanges;
  /** Where stored events go for the other services to learn from. */
  events: EventStream;
}

export interface ProfileContext {
  caller: Caller;
  services: ProfileServices;
  loaders: ProfileLoaders;
}

export function createContext(services: ProfileServices, caller: Caller): ProfileContext {
  return { caller, services, loaders: createLoaders(services.store) };
}
