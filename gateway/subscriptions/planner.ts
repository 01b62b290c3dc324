import { operationFromDocument, type Schema, Supergraph } from '@apollo/federation-internals';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

export interface SubscriptionPlan {
  /** The subscription itself, sent to the subgraph that owns the root field. */
  primary: FetchNode;
  /** Fetches of the fields other subgraphs add, run once per message. */
  rest: PlanNode | undefined;
}

/**
 * Plans subscriptions with Apollo's own query planner: it returns a `SubscriptionNode` that
 * `@apollo/gateway` refuses to execute; journeygraph executes it (see execute.ts).
 */
export class SubscriptionPlanner {
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  readonly supergraphGraphQLSchema: GraphQLSchema;
  readonly subgraphUrls: ReadonlyMap<string, string>;
  private readonly planner: QueryPlanner;

  constructor(supergraphSdl: string) {
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
    const operation = operationFromDocument(this.apiSchema, document, { operationName, validate: false });
    const { node } = this.planner.buildQueryPlan(operation);
    if (node?.kind !== 'Subscription') throw new TypeError('the operation is not a subscription');
    return { primary: node.primary, rest: node.rest };
  }
}
