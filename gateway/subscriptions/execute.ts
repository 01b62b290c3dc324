import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { buildOperationContext, executeQueryPlan } from '@apollo/gateway';
import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql';
import { callerHeader } from '../../shared/auth/caller-assertion.js';
import type { Caller } from '../../shared/auth/caller.js';
import type { Logger } from '../../shared/logging.js';
import type { GatewayContext } from '../context.js';
import type { SubscriptionPlanner } from './planner.js';
import type { UpstreamSubscriptions } from './upstream.js';

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/** Stands in for the owning subgraph in the per-message plan: it answers with the message. */
const messageSource = '__subscription_message__';

function messageDataSource(message: ExecutionResult): GraphQLDataSource {
  return {
    process: async () => ({ data: message.data ?? null, errors: message.errors }),
  } as unknown as GraphQLDataSource;
}

function pick(
  variables: Record<string, unknown>,
  names: readonly string[] | undefined,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names ?? []) if (name in variables) picked[name] = variables[name];
  return picked;
}

export interface FederatedSubscription {
  planner: SubscriptionPlanner;
  upstream: UpstreamSubscriptions;
  /** The data sources of the real subgraphs, as queries use them. */
  sources: ServiceMap;
  logger: Logger;
  /**
   * The caller's context with a signed caller that is valid now: a subscription outlives the
   * five minutes of the one it started with, and each message's fetches need one.
   */
  contextFor(caller: Caller): Promise<GatewayContext>;
}

/** Errors as the subgraph sent them (plain JSON), as errors graphql-ws can send on. */
function asGraphQLErrors(
  errors: readonly { message: string; extensions?: Record<string, unknown> }[],
): GraphQLError[] {
  return errors.map((error) =>
    error instanceof GraphQLError ? error : new GraphQLError(error.message, { extensions: error.extensions }),
  );
}

/** What the upstream iterator threw, as errors a client can read. */
function upstreamFailure(subgraph: string, failure: unknown): ExecutionResult {
  if (Array.isArray(failure)) return { errors: asGraphQLErrors(failure) };
  const reason =
    typeof failure === 'object' && failure !== null && 'code' in failure
      ? `closed with ${String((failure as { code: unknown }).code)}`
      : String(failure);
  return {
    errors: [
      new GraphQLError(`the ${subgraph} subgraph is unavailable (${reason}); subscribe again`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph },
      }),
    ],
  };
}

/**
 * Runs a subscription across subgraphs: the `primary` fetch goes to the owning subgraph over
 * graphql-ws; for every message, a plan of [the message as a fetch result, then `rest`] runs with
 * Apollo's own `executeQueryPlan`. Fields from other subgraphs (e.g. recommendations, which
 * `@requires` the visitor's preferences) are thus fetched anew from the data of that very
 * message, never reused from an earlier one.
 *
 * A hand-written iterator, not an async generator: a generator waiting for the next message
 * would hold back `return()` (the client unsubscribing) until that message came.
 */
export function federatedSubscription(
  setup: FederatedSubscription,
  request: { document: DocumentNode; variables: Record<string, unknown>; operationName: string | undefined },
  context: GatewayContext,
): AsyncIterableIterator<ExecutionResult> {
  const { planner, upstream, sources, logger, contextFor } = setup;
  const plan = planner.plan(request.document, request.operationName);
  const operationContext = buildOperationContext({
    schema: planner.apiGraphQLSchema,
    operationDocument: request.document,
    operationName: request.operationName,
  });
  const subgraph = plan.primary.serviceName;
  const messages = upstream.subscribe(subgraph, {
    query: plan.primary.operation,
    variables: pick(request.variables, plan.primary.variableUsages),
    operationName: plan.primary.operationName,
    extensions: { [callerHeader]: context.callerAssertion },
  });
  const messageFetch = { ...plan.primary, serviceName: messageSource };
  const node: PlanNode =
    plan.rest === undefined ? messageFetch : { kind: 'Sequence', nodes: [messageFetch, plan.rest] };
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node };
  let failed = false;

  const complete = async (message: ExecutionResult): Promise<ExecutionResult> => {
    if (message.data == null) return { errors: asGraphQLErrors(message.errors ?? []) };
    const requestContext = {
      request: { variables: request.variables },
      context: await contextFor(context.caller),
      logger,
      metrics: {},
    } as unknown as RequestContext;
    return executeQueryPlan(
      queryPlan,
      { ...sources, [messageSource]: messageDataSource(message) },
      requestContext,
      operationContext,
      planner.supergraphGraphQLSchema,
      planner.apiSchema,
    );
  };

  return {
    next: async () => {
      if (failed) return { done: true, value: undefined };
      try {
        const message = await messages.next();
        if (message.done === true) return { done: true, value: undefined };
        return { done: false, value: await complete(message.value) };
      } catch (failure) {
        // Report once, then end: a hang would look like a quiet visitor.
        failed = true;
        return { done: false, value: upstreamFailure(subgraph, failure) };
      }
    },
    return: async () => {
      await messages.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
