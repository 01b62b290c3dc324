import type { MongoClient } from 'mongodb';
import type { Bus } from '../bus/bus.js';
import { type BusConfig, openBus } from '../bus/open.js';
import type { StorageConfig } from '../config/storage.js';
import { createLogger, type Logger, type LogLevel } from '../logging.js';
import { loadMerchandising } from '../merchandising/load.js';
import type { Merchandiser } from '../merchandising/merchandiser.js';
import type { ReactionConfig } from '../reactions/config.js';
import { followReactions } from '../reactions/follow.js';
import type { PlacementSignals } from '../reactions/signals.js';

/** What every touchpoint that shows product lists ranks with, besides its catalog. */
export interface Touchpoint {
  /** The shop's rules: the same file for search, recommendation and newsletter. */
  merchandiser: Merchandiser;
  /** What visitors' reactions to the touchpoint's lists taught, and what is trending. */
  signals: PlacementSignals;
  bus: Bus;
  logger: Logger;
  /** Stops learning, and closes the bus if it was opened here (a bus passed in is the caller's). */
  release(): Promise<void>;
}

/**
 * Loads the merchandising rules (a broken file stops start-up before any import work), opens
 * the bus, and follows the visitors' reactions on the event stream.
 */
export async function openTouchpoint(options: {
  name: string;
  config: {
    merchandisingFile: string;
    reactions: ReactionConfig;
    storage: StorageConfig;
    bus: BusConfig;
    logLevel: LogLevel;
  };
  logger?: Logger | undefined;
  mongoClient?: MongoClient | undefined;
  bus?: Bus | undefined;
}): Promise<Touchpoint> {
  const { name, config } = options;
  const logger = options.logger ?? createLogger(name, config.logLevel);
  const merchandiser = await loadMerchandising(config.merchandisingFile);
  const bus = options.bus ?? (await openBus(config.bus, logger));
  const closeBus = () => (options.bus === undefined ? bus.close() : Promise.resolve());
  try {
    const reactions = await followReactions({
      service: name,
      config: config.reactions,
      storage: config.storage,
      mongoClient: options.mongoClient,
      bus,
      logger,
    });
    return {
      merchandiser,
      signals: reactions.signals,
      bus,
      logger,
      release: async () => {
        await reactions.stop();
        await closeBus();
      },
    };
  } catch (error) {
    await closeBus();
    throw error;
  }
}
