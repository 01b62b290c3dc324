import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { LocalProfileChanges } from '../shared/bus/profile-changes.js';
import { type Journey, startJourney, startTwinJourneys, startVisit } from '../test/support/journey.js';
import { createTestDatabase, type TestDatabase } from '../test/support/storage.js';
import { wholeNumber } from './support/settings.js';

/**
 * Latency from `track` acknowledged to the federated `visitorUpdated` message received, over
 * 1,000 profile changes: on one instance, and (with MONGODB_URI and REDIS_URL) across instances,
 * tracking through gateway B while subscribed on gateway A. A message that arrives before the
 * acknowledgement counts as 0 ms.
 */
function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

interface Latencies {
  /** From `track` acknowledged to message received (a message before the acknowledgement: 0). */
  acknowledged: { p50: number; p99: number };
  /** From `track` sent to message received. */
  sent: { p50: number; p99: number };
}

async function measure(subscribeOn: Journey, trackOn: Journey): Promise<Latencies> {
  const { visitorId, token } = await startVisit(subscribeOn);
  const client = createClient({
    url: subscribeOn.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const messages = client.iterate({
    query: `subscription ($id: ID!) { visitorUpdated(id: $id) {
      preferences { sizes { value } } recommendations(placement: HOME, limit: 4) { product { id } }
    } }`,
    variables: { id: visitorId },
  });
  const sizes = ['S', 'M', 'L', 'XL'];
  const latencies: number[] = [];
  const fromSent: number[] = [];
  const trackSize = (size: string) =>
    trackOn.query(
      `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
      { events: [{ visitorId, type: 'FILTER', search: { filters: { sizes: [size] } } }] },
      `Bearer ${token}`,
    );
  try {
    // Measure from the moment the profile listens for this visitor's changes.
    const pending = messages.next();
    const changes = subscribeOn.profile.changes as LocalProfileChanges;
    while (changes.listeners() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    let next: Promise<unknown> = pending;
    const measured = wholeNumber('BENCH_CHANGES', 1_000);
    for (let change = 0; change < measured; change += 1) {
      let receivedAt = 0;
      const received = next.then(() => {
        receivedAt = performance.now();
      });
      const sentAt = performance.now();
      await trackSize(sizes[change & 3] as string);
      const acknowledgedAt = performance.now();
      await received;
      latencies.push(Math.max(0, receivedAt - acknowledgedAt));
      fromSent.push(receivedAt - sentAt);
      next = messages.next();
    }
  } finally {
    await messages.return?.();
    await client.dispose();
  }
  latencies.sort((a, b) => a - b);
  fromSent.sort((a, b) => a - b);
  return {
    acknowledged: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    sent: { p50: percentile(fromSent, 0.5), p99: percentile(fromSent, 0.99) },
  };
}

export async function benchSubscriptions(): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const single = await startJourney({ storage: 'memory' });
  try {
    const { acknowledged, sent } = await measure(single, single);
    results['one instance, after ack, p50 ms (memory)'] = acknowledged.p50;
    results['one instance, after ack, p99 ms (memory)'] = acknowledged.p99;
    results['one instance, from send, p50 ms (memory)'] = sent.p50;
    results['one instance, from send, p99 ms (memory)'] = sent.p99;
  } finally {
    await single.stop();
  }
  if (process.env.MONGODB_URI !== undefined && process.env.REDIS_URL !== undefined) {
    const database: TestDatabase = await createTestDatabase();
    const [first, second] = await startTwinJourneys(
      database,
      process.env.REDIS_URL,
      `jg-bench-${randomBytes(4).toString('hex')}`,
    );
    try {
      const { acknowledged, sent } = await measure(first, second);
      results['across instances, after ack, p50 ms (Redis, MongoDB)'] = acknowledged.p50;
      results['across instances, after ack, p99 ms (Redis, MongoDB)'] = acknowledged.p99;
      results['across instances, from send, p50 ms (Redis, MongoDB)'] = sent.p50;
      results['across instances, from send, p99 ms (Redis, MongoDB)'] = sent.p99;
    } finally {
      await second.stop();
      await first.stop();
      await database.drop();
    }
  }
  return results;
}
