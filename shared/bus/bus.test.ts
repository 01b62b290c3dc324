import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { redisUrl } from '../../test/support/storage.js';
import { createLogger } from '../logging.js';
import { type Bus, inProcessBus } from './bus.js';
import type { StreamedEvent } from './event-stream.js';
import { redisBus } from './redis.js';

const logger = createLogger('bus-test', 'silent');
/** A failed batch is retried after a pause of one blocking read (1 s). */
const redeliveryWait = { timeout: 5_000, interval: 50 };

function event(number: number): StreamedEvent {
  return {
    id: `event-${number}`,
    visitorId: 'v-bus-1',
    type: 'PRODUCT_VIEW',
    at: new Date(Date.UTC(2026, 10, 23, 10, 0, number)).toISOString(),
    productId: `JG-${number}`,
    sku: null,
    productIds: null,
    placement: null,
    campaignId: null,
  };
}

interface Kind {
  name: string;
  /** Two instances of one deployment: on Redis, two connections; in-process, the same bus. */
  open(): Promise<[Bus, Bus]>;
}

const prefixes: string[] = [];
const kinds: Kind[] = [
  {
    name: 'in-process',
    open: async () => {
      const bus = inProcessBus();
      return [bus, bus];
    },
  },
];
if (redisUrl !== undefined) {
  const url = redisUrl;
  kinds.push({
    name: 'Redis',
    open: async () => {
      const prefix = `jg-test-${randomBytes(4).toString('hex')}`;
      prefixes.push(prefix);
      return [await redisBus(url, prefix, logger), await redisBus(url, prefix, logger)];
    },
  });
}

afterAll(async () => {
  if (redisUrl === undefined || prefixes.length === 0) return;
  const client = createClient({ url: redisUrl });
  await client.connect();
  for (const prefix of prefixes) await client.del([`${prefix}:events`]);
  await client.quit();
});

describe.each(kinds)('the $name bus', ({ open }) => {
  it('delivers a profile change published by one instance to subscribers on every instance', async () => {
    const [one, two] = await open();
    try {
      const onTwo = two.changes.changesOf('v-bus-1');
      const onOne = one.changes.changesOf('v-bus-1');
      const heardOnTwo = onTwo.next();
      const heardOnOne = onOne.next();
      await vi.waitFor(async () => {
        await one.changes.publish('v-bus-1');
        await Promise.race([heardOnTwo, new Promise((_, reject) => setTimeout(reject, 50))]);
      });
      await heardOnOne;
      await onOne.return?.();
      await onTwo.return?.();
    } finally {
      await one.close();
      if (two !== one) await two.close();
    }
  });

  it('lets a consumer group that starts late read every event appended before', async () => {
    const [one, two] = await open();
    try {
      await one.events.append([event(1), event(2), event(3)]);
      const seen: string[] = [];
      const consumer = two.events.consume('late', 'c1', async (events) => {
        seen.push(...events.map((streamed) => streamed.id));
      });
      await vi.waitFor(() => expect(seen).toEqual(['event-1', 'event-2', 'event-3']));
      await one.events.append([event(4)]);
      await vi.waitFor(() => expect(seen).toEqual(['event-1', 'event-2', 'event-3', 'event-4']));
      await consumer.stop();
    } finally {
      await one.close();
      if (two !== one) await two.close();
    }
  });

  it('resumes a stopped group where it left off, and redelivers a batch whose handler failed', async () => {
    const [one, two] = await open();
    try {
      const seen: string[] = [];
      let failOnce = true;
      const handle = async (events: StreamedEvent[]) => {
        if (failOnce && events.some((streamed) => streamed.id === 'event-2')) {
          failOnce = false;
          throw new Error('learner down');
        }
        seen.push(...events.map((streamed) => streamed.id));
      };
      let consumer = two.events.consume('resuming', 'c1', handle);
      await one.events.append([event(1)]);
      await vi.waitFor(() => expect(seen).toContain('event-1'));
      await consumer.stop();
      // Appended while the consumer is down, and one batch fails on the first try.
      await one.events.append([event(2), event(3)]);
      consumer = two.events.consume('resuming', 'c1', handle);
      await vi.waitFor(async () => {
        await one.events.append([]);
        expect(seen).toEqual(expect.arrayContaining(['event-1', 'event-2', 'event-3']));
      }, redeliveryWait);
      expect(seen.filter((id) => id === 'event-1')).toHaveLength(1);
      await consumer.stop();
    } finally {
      await one.close();
      if (two !== one) await two.close();
    }
  });
});
