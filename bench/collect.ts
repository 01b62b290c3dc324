import { MongoClient } from 'mongodb';
import { type Journey, startJourney } from '../test/support/journey.js';
import { createTestDatabase, type TestDatabase } from '../test/support/storage.js';

/**
 * Ingestion through `POST /collect`: batches of 50 events, 8 senders at once, for a few seconds,
 * on the memory store and (with MONGODB_URI) on MongoDB, next to a raw driver `insertMany` of the
 * same events into the same database: the ceiling.
 */
const batchSize = 50;
const senders = Number(process.env.BENCH_SENDERS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

function eventsOf(sender: number, round: number) {
  return Array.from({ length: batchSize }, (_, index) => ({
    type: 'PRODUCT_VIEW',
    visitorId: `v-bench-${sender}-${round % 20}`,
    productId: `JG-${String(1 + ((round * batchSize + index) % 300)).padStart(5, '0')}`,
    at: new Date(Date.now() - 1_000).toISOString(),
  }));
}

async function collectRate(journey: Journey): Promise<number> {
  const url = new URL('/collect', journey.gatewayUrl);
  const deadline = Date.now() + seconds * 1_000;
  let events = 0;
  const sender = async (number: number) => {
    for (let round = 0; Date.now() < deadline; round += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: 'Bearer dev-api-key' },
        body: JSON.stringify({ events: eventsOf(number, round) }),
      });
      if (response.status !== 204)
        throw new Error(`collect answered ${response.status}: ${await response.text()}`);
      events += batchSize;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: senders }, (_, number) => sender(number)));
  return events / ((performance.now() - started) / 1_000);
}

async function insertManyRate(database: TestDatabase): Promise<number> {
  const client = await new MongoClient(database.uri).connect();
  const collection = client.db(database.name).collection('bench_ceiling');
  const deadline = Date.now() + seconds * 1_000;
  let events = 0;
  const sender = async (number: number) => {
    for (let round = 0; Date.now() < deadline; round += 1) {
      await collection.insertMany(eventsOf(number, round), {
        writeConcern: { w: 'majority', journal: true },
      });
      events += batchSize;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: senders }, (_, number) => sender(number)));
  const rate = events / ((performance.now() - started) / 1_000);
  await client.close();
  return rate;
}

export async function benchCollect(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const memory = await startJourney({ storage: 'memory' });
  try {
    results['collect events/s (memory)'] = await collectRate(memory);
  } finally {
    await memory.stop();
  }
  if (process.env.MONGODB_URI !== undefined) {
    const database = await createTestDatabase();
    const mongo = await startJourney({ storage: 'mongodb', database });
    try {
      results['collect events/s (MongoDB)'] = await collectRate(mongo);
      results['insertMany events/s (MongoDB ceiling)'] = await insertManyRate(database);
    } finally {
      await mongo.stop();
      await database.drop();
    }
  }
  return results;
}
