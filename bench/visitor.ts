import type { Figures } from './support/report.js';
import { compareGateways } from './support/compare.js';
import { startTestbed } from './support/testbed.js';
import { seedVisitors } from './support/visitor.js';

/**
 * Issue 6, scenario 1: a visitor's page across all four subgraphs (preferences from profile, a
 * personalized search, recommendations and newsletter content, each with product fields from
 * search) through journeygraph's gateway, stock `@apollo/gateway` and Hive Gateway, for 32
 * visitors in turn. Targets: journeygraph ≥ 2× stock Apollo and ≥ 1.3× Hive Gateway, the same
 * data from all three. Affinity scores are left out: they decay with time, so two answers a few
 * seconds apart differ.
 */
const query = `query Visitor($id: ID!) {
  visitor(id: $id) {
    preferences { sizes { value } colors { value } brands { value } categories { value } }
    search(input: { query: "Laufhose", first: 10 }) { total items { id title } }
    recommendations(placement: HOME, limit: 8) { product { id title price } reasons }
    newsletter(campaignId: "weekly") { subject products { id } }
  }
}`;

const visitors = 32;

export async function benchVisitor(): Promise<Figures> {
  const testbed = await startTestbed();
  try {
    const visitorIds = await seedVisitors(testbed, visitors);
    return await compareGateways(testbed, {
      bodies: visitorIds.map((id) => JSON.stringify({ query, variables: { id } })),
      headers: testbed.clientHeaders,
    });
  } finally {
    await testbed.stop();
  }
}
