import { hostname } from 'node:os';
import type { MongoClient } from 'mongodb';
import type { Bus } from '../bus/bus.js';
import type { EventConsumer } from '../bus/event-stream.js';
import type { StorageConfig } from '../config/storage.js';
import { ForwardDecay } from '../decay.js';
import type { Logger } from '../logging.js';
import { ReactionBoard } from './board.js';
import type { ReactionConfig } from './config.js';
import { reactionIncrementsOf } from './learn.js';
import { PlacementSignals } from './signals.js';
import { openReactionStore } from './store/open.js';
import type { ReactionStore } from './store/port.js';

export interface FollowedReactions {
  signals: PlacementSignals;
  stop(): Promise<void>;
}

/**
 * Learns a touchpoint's reactions from the event stream as they arrive: each batch is stored,
 * then ranks at once on this instance; other instances read it on their next refresh. The
 * service's consumer group (`<service>-reactions`) sees every event once per deployment.
 */
export async function followReactions(options: {
  service: string;
  config: ReactionConfig;
  storage: StorageConfig;
  mongoClient?: MongoClient | undefined;
  bus: Bus;
  logger: Logger;
  now?: () => Date;
}): Promise<FollowedReactions> {
  const now = options.now ?? (() => new Date());
  if (!options.config.learning) return { signals: new PlacementSignals(null, now), stop: async () => {} };
  const decay = new ForwardDecay(options.config.halfLifeDays * 86_400_000);
  const store: ReactionStore = await openReactionStore(
    options.storage,
    `${options.service}_reactions`,
    options.mongoClient,
  );
  let consumer: EventConsumer | undefined;
  const board = new ReactionBoard(store, decay, {
    refreshMs: options.config.refreshMs,
    logger: options.logger,
  });
  try {
    await board.refresh();
    board.start();
    consumer = options.bus.events.consume(`${options.service}-reactions`, hostname(), async (events) => {
      const increments = reactionIncrementsOf(events, decay);
      if (increments.length === 0) return;
      try {
        await store.add(increments);
      } catch (error) {
        options.logger.error({ error, events: events.length }, 'reactions not stored; the batch comes again');
        throw error;
      }
      board.apply(increments);
    });
  } catch (error) {
    await board.stop();
    await store.close();
    throw error;
  }
  return {
    signals: new PlacementSignals(board, now),
    stop: async () => {
      await consumer?.stop();
      await board.stop();
      await store.close();
    },
  };
}
