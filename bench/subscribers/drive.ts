import { setTimeout as delay } from 'node:timers/promises';
import { randomInt, randomLcg } from 'd3-random';
import type { ChangeLedger } from './ledger.js';
import type { Workload } from './workloads.js';

/** The development API key: `track` for any visitor. */
const apiKey = 'Bearer dev-api-key';
const trackMutation = `mutation ($events: [TrackEventInput!]!) {
  track(events: $events) { accepted rejected { reason } }
}`;

interface TrackResponse {
  data?: { track: { accepted: number; rejected: { reason: string }[] } } | null;
  errors?: { message: string }[];
}

/** Events accepted; a change is several events of one visitor. */
async function track(url: string, events: unknown[]): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: apiKey },
    body: JSON.stringify({ query: trackMutation, variables: { events } }),
  });
  const body = (await response.json()) as TrackResponse;
  if (body.data?.track == null) throw new Error(`track failed: ${JSON.stringify(body.errors)}`);
  return body.data.track.accepted;
}

/**
 * Creates every visitor with a first change (`track` takes 1,000 events per call) and waits for
 * its message: a subscription is live once it has carried one. Visitors whose
 * subscription was not live yet get another change, up to `rounds` times.
 */
export async function warmUp(options: {
  url: string;
  visitorIds: readonly string[];
  ledger: ChangeLedger;
  workload: Workload;
  batch?: number;
  rounds?: number;
  quietMs?: number;
}): Promise<void> {
  const { url, visitorIds, ledger, workload, batch = 250, rounds = 5, quietMs = 5_000 } = options;
  let waiting = visitorIds.map((_, visitor) => visitor);
  for (let round = 0; round < rounds && waiting.length > 0; round += 1) {
    for (let start = 0; start < waiting.length; start += batch) {
      const visitors = waiting.slice(start, start + batch);
      const events = visitors.flatMap((visitor) =>
        workload.events(visitorIds[visitor] as string, ledger.send(visitor)),
      );
      const accepted = await track(url, events);
      if (accepted !== events.length)
        throw new Error(`track accepted ${accepted} of ${events.length} events`);
      for (const visitor of visitors) ledger.acknowledged(visitor);
      await ledger.settled(quietMs);
    }
    waiting = ledger.unanswered();
  }
  if (waiting.length > 0)
    throw new Error(`${waiting.length} subscriptions carried no message after ${rounds} changes each`);
}

export interface DriveFigures {
  /** Changes per second actually sent. */
  rate: number;
  /** Why the first failed `track` failed, if one did. */
  firstFailure: string | undefined;
  /** `track` round trips, in ms, sorted. */
  trackMs: number[];
}

/**
 * `count` changes at `rate` per second (open loop: a slow `track` does not slow the next one),
 * each for a visitor picked at random among those with no change in flight.
 */
export async function driveChanges(options: {
  url: string;
  visitorIds: readonly string[];
  ledger: ChangeLedger;
  workload: Workload;
  count: number;
  rate: number;
}): Promise<DriveFigures> {
  const { url, visitorIds, ledger, workload, count, rate } = options;
  const pick = randomInt.source(randomLcg(0.6))(0, visitorIds.length);
  const trackMs: number[] = [];
  let firstFailure: string | undefined;
  const tracks: Promise<void>[] = [];
  const change = async (visitor: number) => {
    const events = workload.events(visitorIds[visitor] as string, ledger.send(visitor));
    const sentAt = performance.now();
    try {
      const accepted = await track(url, events);
      if (accepted === events.length) ledger.acknowledged(visitor);
      else {
        firstFailure ??= `track accepted ${accepted} of ${events.length} events`;
        ledger.failed(visitor);
      }
    } catch (error) {
      const { message, cause } = error as Error;
      firstFailure ??= cause === undefined ? message : `${message} (${String(cause)})`;
      ledger.failed(visitor);
    }
    trackMs.push(performance.now() - sentAt);
  };
  const started = performance.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.ceil(((performance.now() - started) / 1_000) * rate));
    while (sent < due && ledger.outstanding() < visitorIds.length) {
      let visitor = pick();
      while (ledger.inFlight(visitor)) visitor = pick();
      tracks.push(change(visitor));
      sent += 1;
    }
    await delay(2);
  }
  const sendingSeconds = (performance.now() - started) / 1_000;
  await Promise.all(tracks);
  return {
    rate: count / Math.max(sendingSeconds, 1 / rate),
    firstFailure,
    trackMs: trackMs.sort((a, b) => a - b),
  };
}
