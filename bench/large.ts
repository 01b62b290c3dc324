import { compareGateways } from './support/compare.js';
import { requestGraphQL } from './support/graphql.js';
import type { Figures } from './support/report.js';
import { readLoadSettings } from './support/settings.js';
import { startTestbed, type Testbed } from './support/testbed.js';
import { seedVisitors } from './support/visitor.js';

/**
 * Issue 6, scenario 2: a large answer, 50 products with their variants and 8 recommendations for
 * each (about 110 KB of JSON), through the same three gateways. The schema has no field for a
 * product's recommendations, so the query asks the visitor for the alternatives to each of the
 * 50 products (PRODUCT_DETAIL), one alias per product: 400 recommended products whose title and
 * price the gateway fetches from search. At most 4 requests are in flight: one answer costs the
 * subgraphs about 0.3 s of CPU. Target: journeygraph ≥ 2× stock Apollo.
 */
const products = 50;
const visitors = 8;
const connections = 4;

async function productIdsOf(testbed: Testbed): Promise<string[]> {
  const answer = await requestGraphQL(
    testbed.subgraphUrls.search,
    JSON.stringify({ query: `{ search(input: { first: ${products} }) { items { id } } }` }),
    await testbed.subgraphHeaders(),
  );
  return (answer.data as { search: { items: { id: string }[] } }).search.items.map((item) => item.id);
}

export async function benchLargeResponse(): Promise<Figures> {
  const testbed = await startTestbed();
  try {
    const visitorIds = await seedVisitors(testbed, visitors);
    const alternatives = (await productIdsOf(testbed)).map(
      (productId, index) =>
        `p${index}: recommendations(placement: PRODUCT_DETAIL, productId: "${productId}", limit: 8) {
      product { id title price } reasons }`,
    );
    const query = `query Large($id: ID!) {
  visitor(id: $id) {
    search(input: { first: ${products} }) { items { id title price variants { sku size color stock } } }
    ${alternatives.join('\n    ')}
  }
}`;
    const settings = readLoadSettings();
    return await compareGateways(
      testbed,
      {
        bodies: visitorIds.map((id) => JSON.stringify({ query, variables: { id } })),
        headers: testbed.clientHeaders,
      },
      // Rounds twice as long: at about one answer a second, 10 s hold too few to compare.
      {
        ...settings,
        seconds: settings.seconds * 2,
        connections: Math.min(connections, settings.connections),
      },
    );
  } finally {
    await testbed.stop();
  }
}
