import type { MongoClient } from 'mongodb';
import type { MemoryProductStore } from '../shared/catalog/product-store.js';
import { withDevelopmentSecrets } from '../shared/config/secrets.js';
import { ephemeralShopEnv, type Shop, startShop } from '../shop.js';
import type { MemoryProfileStore } from '../subgraphs/profile/store/memory.js';
import { countCommands, createTestDatabase } from '../test/support/storage.js';
import { type GraphQLAnswer, requestGraphQL } from './support/graphql.js';
import { latencySummary } from './support/latency.js';
import { wholeNumber } from './support/settings.js';

/**
 * Issue 6, scenario 6: a newsletter tool sends one campaign to every recipient, a page of 100 at
 * a time through `Query.visitors(ids)` on the gateway, one page after the other as a mail tool
 * pages. Target: ≥ 1,000 recipients/s, and store round trips per page that do not grow with the
 * recipients (DataLoader batches a page's reads per subgraph), counted on the memory store's
 * counters and, with MONGODB_URI, by MongoDB command monitoring.
 */
const pageSize = 100;
const recipientsQuery = `query Recipients($ids: [ID!]!) {
  visitors(ids: $ids) {
    id
    newsletter(campaignId: "weekly") { subject hero { product { id } } products { id } }
  }
}`;
const authorization = 'Bearer dev-api-key';
/** `track` takes at most 1,000 events a call. */
const eventsPerCall = 1_000;
/** setConsent fields per mutation: one request carries many, aliased. */
const consentsPerCall = 500;

const sizes = ['S', 'M', 'L', 'XL'];
const colors = ['blau', 'schwarz', 'navy', 'grau', 'rot', 'grün'];

function recipientIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `v-newsletter-${index}`);
}

function productId(index: number): string {
  return `JG-${String(1 + (index % 2_400)).padStart(5, '0')}`;
}

/** Two events per recipient, so that each has a size, a colour, a brand and a category. */
function seedEvents(ids: readonly string[]) {
  return ids.flatMap((visitorId, index) => [
    {
      visitorId,
      type: 'FILTER',
      search: { filters: { sizes: [sizes[index % sizes.length]], colors: [colors[index % colors.length]] } },
    },
    { visitorId, type: 'PRODUCT_VIEW', productId: productId(index * 7) },
  ]);
}

/** The recipients' profiles and their newsletter consent, sent through the gateway in bulk. */
async function seedRecipients(gatewayUrl: string, ids: readonly string[]): Promise<void> {
  const headers = { authorization };
  const events = seedEvents(ids);
  for (let start = 0; start < events.length; start += eventsPerCall) {
    const chunk = events.slice(start, start + eventsPerCall);
    const answer = await requestGraphQL(
      gatewayUrl,
      JSON.stringify({
        query:
          'mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted rejected { reason } } }',
        variables: { events: chunk },
      }),
      headers,
    );
    const { accepted, rejected } = (answer.data as { track: { accepted: number; rejected: unknown[] } })
      .track;
    if (accepted !== chunk.length) throw new Error(`track rejected seed events: ${JSON.stringify(rejected)}`);
  }
  for (let start = 0; start < ids.length; start += consentsPerCall) {
    const fields = ids
      .slice(start, start + consentsPerCall)
      .map(
        (id, index) =>
          `c${index}: setConsent(visitorId: "${id}", consent: { newsletter: true }) { newsletter }`,
      );
    await requestGraphQL(gatewayUrl, JSON.stringify({ query: `mutation { ${fields.join('\n')} }` }), headers);
  }
}

interface Recipient {
  id: string;
  newsletter: {
    subject: string;
    hero: { product: { id: string } } | null;
    products: { id: string }[];
  } | null;
}

/** Store calls so far of the services a page of recipients reads: profile and newsletter. */
type RoundTripCounter = () => { stop(): number };

function memoryRoundTrips(shop: Shop): RoundTripCounter {
  const profile = shop.profile.store as MemoryProfileStore;
  const products = (store: unknown) => store as MemoryProductStore;
  const total = () =>
    profile.roundTrips +
    products(profile.products).roundTrips +
    products(shop.newsletter.products).roundTrips;
  return () => {
    const before = total();
    return { stop: () => total() - before };
  };
}

/** The collections of the services a page of recipients reads; reaction flushes write elsewhere. */
const readCollections = ['profile_visitors', 'profile_events', 'profile_products', 'newsletter_products'];

function mongoRoundTrips(client: MongoClient): RoundTripCounter {
  return () => {
    const commands = countCommands(client);
    return {
      stop: () => {
        commands.stop();
        return readCollections.reduce((sum, name) => sum + commands.byCollection(name), 0);
      },
    };
  };
}

function checkPage(page: readonly string[], answer: GraphQLAnswer): void {
  const recipients = (answer.data as { visitors: (Recipient | null)[] }).visitors;
  if (recipients.length !== page.length) {
    throw new Error(`visitors answered ${recipients.length} recipients for ${page.length} ids`);
  }
  recipients.forEach((recipient, index) => {
    if (
      recipient === null ||
      recipient.id !== page[index] ||
      (recipient.newsletter?.products.length ?? 0) === 0
    ) {
      throw new Error(`recipient ${page[index]} got no newsletter: ${JSON.stringify(recipient)}`);
    }
  });
}

/** Every page in turn; fails on a recipient without newsletter content. */
async function sendCampaign(shop: Shop, ids: readonly string[], countRoundTrips: RoundTripCounter) {
  const roundTrips: number[] = [];
  const pageMs: number[] = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let start = 0; start < ids.length; start += pageSize) {
    const page = ids.slice(start, start + pageSize);
    const counter = countRoundTrips();
    const pageStarted = performance.now();
    const answer = await requestGraphQL(
      shop.gatewayUrl,
      JSON.stringify({ query: recipientsQuery, variables: { ids: page } }),
      { authorization },
    );
    pageMs.push(performance.now() - pageStarted);
    roundTrips.push(counter.stop());
    checkPage(page, answer);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1_000;
  const { p50, p95 } = latencySummary(pageMs);
  return {
    recipientsPerSecond: ids.length / seconds,
    recipientsPerCpuSecond: ids.length / ((cpu.user + cpu.system) / 1_000_000),
    pageP50Ms: p50,
    pageP95Ms: p95,
    fewestRoundTrips: Math.min(...roundTrips),
    mostRoundTrips: Math.max(...roundTrips),
  };
}

async function measure(
  label: string,
  shop: Shop,
  recipients: number,
  countRoundTrips: RoundTripCounter,
): Promise<Record<string, number>> {
  const ids = recipientIds(recipients);
  await seedRecipients(shop.gatewayUrl, ids);
  const campaign = await sendCampaign(shop, ids, countRoundTrips);
  return {
    [`recipients (${label})`]: recipients,
    [`recipients/s (${label})`]: campaign.recipientsPerSecond,
    // The shop and the sender share this process: CPU time is what a noisy machine takes least from.
    [`recipients per CPU-second (${label})`]: campaign.recipientsPerCpuSecond,
    [`page of ${pageSize} p50 ms (${label})`]: campaign.pageP50Ms,
    [`page of ${pageSize} p95 ms (${label})`]: campaign.pageP95Ms,
    [`store round trips per page, fewest (${label})`]: campaign.fewestRoundTrips,
    [`store round trips per page, most (${label})`]: campaign.mostRoundTrips,
  };
}

/**
 * BENCH_RECIPIENTS (default 10,000) on the memory store; BENCH_MONGO_RECIPIENTS (default 1,000)
 * on MongoDB. FerretDB, the MongoDB stand-in here, scans its collection for every upsert, so
 * seeding profiles costs it time that grows with the square of their number: 4,000 took 16
 * minutes, and the campaign would not come before an hour.
 */
export async function benchNewsletter(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const env = withDevelopmentSecrets(ephemeralShopEnv);
  const memory = await startShop(env);
  try {
    Object.assign(
      figures,
      await measure('memory', memory, wholeNumber('BENCH_RECIPIENTS', 10_000), memoryRoundTrips(memory)),
    );
  } finally {
    await memory.stop();
  }
  if (process.env.MONGODB_URI !== undefined) {
    const database = await createTestDatabase();
    try {
      const mongo = await startShop(
        { ...env, MONGODB_URI: database.uri, MONGODB_DB: database.name },
        { mongoClient: database.client },
      );
      try {
        const recipients = wholeNumber('BENCH_MONGO_RECIPIENTS', 1_000);
        Object.assign(figures, await measure('MongoDB', mongo, recipients, mongoRoundTrips(database.client)));
      } finally {
        await mongo.stop();
      }
    } finally {
      await database.drop();
    }
  }
  return figures;
}
