import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeRepositorySupergraph } from '../compose.js';
import { type SubgraphName, subgraphNames } from '../subgraphs.js';
import { SubscriptionPlanner } from '../subscriptions/planner.js';

const urls = Object.fromEntries(subgraphNames.map((name) => [name, `http://${name}.test/graphql`])) as Record<
  SubgraphName,
  string
>;

const withRecommendations = `subscription ($id: ID!) {
  visitorUpdated(id: $id) { recommendations(placement: HOME, limit: 4) { product { id } } }
}`;
const withPreferences = `subscription ($id: ID!) { visitorUpdated(id: $id) { preferences { sizes { value } } } }`;

describe('the subscription planner', () => {
  let supergraphSdl: string;
  beforeAll(async () => {
    supergraphSdl = await composeRepositorySupergraph(urls);
  });

  it('plans the fields of other subgraphs as the rest of each message', () => {
    const plan = new SubscriptionPlanner(supergraphSdl).plan(parse(withRecommendations), undefined);
    expect(plan.primary.serviceName).toBe('profile');
    expect(JSON.stringify(plan.rest)).toContain('"serviceName":"recommendation"');
  });

  it('plans an operation once however many subscribers send it', () => {
    const planner = new SubscriptionPlanner(supergraphSdl);
    const first = planner.plan(parse(withRecommendations), undefined);
    expect(planner.plan(parse(withRecommendations), undefined)).toBe(first);
    expect(planner.plan(parse(withPreferences), undefined)).not.toBe(first);
  });

  it('tells operations of one document apart by name', () => {
    const planner = new SubscriptionPlanner(supergraphSdl);
    const document = parse(`subscription Recommended($id: ID!) {
      visitorUpdated(id: $id) { recommendations(placement: HOME) { product { id } } }
    }
    subscription Preferred($id: ID!) { visitorUpdated(id: $id) { preferences { sizes { value } } } }`);
    const recommended = planner.plan(document, 'Recommended');
    const preferred = planner.plan(document, 'Preferred');
    expect(preferred).not.toBe(recommended);
    expect(preferred.rest).toBeUndefined();
  });

  it('keeps only the most recently used plans', () => {
    const planner = new SubscriptionPlanner(supergraphSdl, 1);
    const first = planner.plan(parse(withRecommendations), undefined);
    planner.plan(parse(withPreferences), undefined);
    expect(planner.plan(parse(withRecommendations), undefined)).not.toBe(first);
  });
});
