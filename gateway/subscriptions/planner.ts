import { operationFromDocument, type Schema, Supergraph } from '@apollo/federation-internals';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { QueryPlanner } from '@apollo/query-planner';
import { type DocumentNode, type GraphQLSchema, print } from 'graphql';
import { RecentlyUsed } from '../../shared/recently-used.js';

export interface SubscriptionPlan {
  /** The subscription itself, sent to the subgraph that owns the root field. */
  primary: FetchNode;
  /** Fetches of the fields other subgraphs add, run once per message. */
  rest: PlanNode | undefined;
}

/**
 * Plans subscriptions with Apollo's own query planner: it returns a `SubscriptionNode` that
 * `@apollo/gateway` refuses to execute; journeygraph executes it (see execute.ts).
 *
 * Planning one operation takes milliseconds, and every visitor on a page subscribes with the
 * same few operations: plans are kept by operation text, the least recently used dropped first
 * (the same as `@apollo/gateway` does for queries).
 */
export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  readonly supergraphGraphQLSchema: GraphQLSchema;
  readonly subgraphUrls: ReadonlyMap<string, string>;
  private readonly planner: QueryPlanner;
  private readonly plans: RecentlyUsed<SubscriptionPlan>;

  constructor(supergraphSdl: string, plansKept = 1_000) {
    this.plans = new RecentlyUsed(plansKept);
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphGraphQLSchema = supergraph.schema.toGraphQLJSSchema();
    this.subgraphUrls = new Map(
      supergraph
        .subgraphs()
        .values()
        .map((subgraph) => [subgraph.name, subgraph.url]),
    );
    this.planner = new QueryPlanner(supergraph);
  }

  plan(document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${document.loc?.source.body ?? print(document)}`;
    const kept = this.plans.get(key);
    if (kept !== undefined) return kept;
    const operation = operationFromDocument(this.apiSchema, document, { operationName, validate: false });
    const { node } = this.planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new TypeError('the operation is not a subscription');
    const plan = { primary: node.primary, rest: node.rest };
    this.plans.set(key, plan);
    return plan;
  }
}
