import { requestGraphQL } from './graphql.js';
import type { Testbed } from './testbed.js';

const sizes = ['S', 'M', 'L', 'XL'];
const colors = ['blau', 'schwarz', 'grau', 'rot', 'grün'];

/**
 * Visitors with a profile, as the benchmarks query them: each a visit with tracking and
 * newsletter consent, a search for running pants filtered by a size and a colour, two products
 * viewed and one clicked, each visitor a little different. Sent to the profile subgraph
 * directly, so that no gateway under test is involved. Resolves to the visitor ids.
 */
export async function seedVisitors(testbed: Testbed, count: number): Promise<string[]> {
  const url = testbed.subgraphUrls.profile;
  const headers = await testbed.subgraphHeaders();
  const seedOne = async (number: number) => {
    const visit = await requestGraphQL(
      url,
      JSON.stringify({
        query: 'mutation { startVisit(consent: { tracking: true, newsletter: true }) { visitorId } }',
      }),
      headers,
    );
    const visitorId = (visit.data as { startVisit: { visitorId: string } }).startVisit.visitorId;
    const filters = { sizes: [sizes[number % sizes.length]], colors: [colors[number % colors.length]] };
    const viewed = (offset: number) => `JG-${String(300 + ((number * 7 + offset) % 200)).padStart(5, '0')}`;
    const events = [
      { visitorId, type: 'SEARCH', search: { query: 'Laufhose' } },
      { visitorId, type: 'FILTER', search: { query: 'Laufhose', filters } },
      { visitorId, type: 'PRODUCT_VIEW', productId: viewed(0) },
      { visitorId, type: 'PRODUCT_CLICK', productId: viewed(0), placement: 'SEARCH' },
      { visitorId, type: 'PRODUCT_VIEW', productId: viewed(1) },
    ];
    const tracked = await requestGraphQL(
      url,
      JSON.stringify({
        query:
          'mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted rejected { reason } } }',
        variables: { events },
      }),
      headers,
    );
    const { accepted, rejected } = (tracked.data as { track: { accepted: number; rejected: unknown[] } })
      .track;
    if (accepted !== events.length)
      throw new Error(`the profile rejected seed events: ${JSON.stringify(rejected)}`);
    return visitorId;
  };
  const visitorIds: string[] = [];
  for (let first = 0; first < count; first += 8) {
    const batch = Array.from({ length: Math.min(8, count - first) }, (_, index) => seedOne(first + index));
    visitorIds.push(...(await Promise.all(batch)));
  }
  return visitorIds;
}
