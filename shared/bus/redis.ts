import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logging.js';
import type { Bus } from './bus.js';
import { type EventConsumer, type EventStream, type StreamedEvent, untilDeadline } from './event-stream.js';
import { LocalProfileChanges } from './profile-changes.js';

/** The stream keeps about this many events; a consumer down for longer loses the oldest. */
const retainedEvents = 1_000_000;
const batchSize = 200;
const blockMs = 1_000;

type Client = RedisClientType;

/**
 * Profile changes over Redis pub/sub: every instance publishes, every instance hears every
 * change (its own included) and delivers it to its local subscriptions.
 */
class RedisProfileChanges extends LocalProfileChanges {
  constructor(
    private readonly publisher: Client,
    private readonly channel: string,
  ) {
    super();
  }

  async listen(subscriber: Client): Promise<void> {
    await subscriber.subscribe(this.channel, (visitorId) => this.deliver(visitorId));
  }

  override async publish(visitorId: string): Promise<void> {
    await this.publisher.publish(this.channel, visitorId);
  }
}

/** The event stream as a Redis Stream, read by consumer groups. */
class RedisEventStream implements EventStream {
  private readonly consumers = new Set<Client>();

  constructor(
    private readonly client: Client,
    private readonly key: string,
    private readonly logger: Logger,
  ) {}

  async append(events: readonly StreamedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const batch = this.client.multi();
    for (const event of events) {
      batch.xAdd(
        this.key,
        '*',
        { event: JSON.stringify(event) },
        { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: retainedEvents } },
      );
    }
    await batch.exec();
  }

  consume(
    group: string,
    consumer: string,
    handle: (events: StreamedEvent[]) => Promise<void>,
  ): EventConsumer {
    // A blocking read holds its connection: each consumer gets its own.
    const reader = this.client.duplicate() as Client;
    this.consumers.add(reader);
    let stopped = false;
    const read = async (id: '0' | '>') => {
      const reply = await reader.xReadGroup(
        group,
        consumer,
        { key: this.key, id },
        { COUNT: batchSize, BLOCK: blockMs },
      );
      const messages =
        (reply as { messages: { id: string; message: { event: string } }[] }[] | null)?.[0]?.messages ?? [];
      if (messages.length === 0) return 0;
      await handle(messages.map(({ message }) => JSON.parse(message.event) as StreamedEvent));
      await reader.xAck(
        this.key,
        group,
        messages.map((message) => message.id),
      );
      return messages.length;
    };
    const loop = async () => {
      await reader.connect();
      try {
        await reader.xGroupCreate(this.key, group, '0', { MKSTREAM: true });
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
      }
      // What this consumer took but never acknowledged (stopped mid-batch, or the handler
      // failed) comes first, then what is new.
      let pending = true;
      while (!stopped) {
        try {
          if (pending) pending = (await read('0')) > 0;
          else await read('>');
        } catch (error) {
          if (stopped) break;
          pending = true;
          this.logger.error({ error, group }, 'event stream batch failed; it is delivered again');
          await new Promise((resolve) => setTimeout(resolve, blockMs));
        }
      }
    };
    const running = loop().catch((error: unknown) =>
      this.logger.error({ error, group }, 'event consumer stopped'),
    );
    return {
      stop: async () => {
        stopped = true;
        await untilDeadline(running);
        this.consumers.delete(reader);
        if (reader.isOpen) await reader.quit();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((reader) => (reader.isOpen ? reader.quit() : undefined)));
  }
}

/** The bus on Redis (`REDIS_URL`): fan-out to every instance, a durable event stream. */
export async function redisBus(url: string, prefix: string, logger: Logger): Promise<Bus> {
  const client = createClient({ url }) as Client;
  const subscriber = client.duplicate() as Client;
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (error) {
    throw new Error(`cannot connect to Redis at REDIS_URL: ${(error as Error).message}`, { cause: error });
  }
  const changes = new RedisProfileChanges(client, `${prefix}:profile-changed`);
  await changes.listen(subscriber);
  const events = new RedisEventStream(client, `${prefix}:events`, logger);
  return {
    changes,
    events,
    close: async () => {
      await events.close();
      await changes.close();
      await Promise.all([subscriber.quit(), client.quit()]);
    },
  };
}
