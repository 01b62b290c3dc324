import { type DocumentNode, type GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import { RecentlyUsed } from '../../shared/recently-used.js';

export type ReadOperation = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/**
 * Operations parsed and validated against the API schema, kept by their text. Validation costs
 * as much as the rest of starting a subscription, and every visitor on a page subscribes with
 * the same text. Only valid documents are kept.
 */
export class ValidDocuments {
  private readonly documents: RecentlyUsed<DocumentNode>;

  constructor(
    private readonly schema: GraphQLSchema,
    kept = 1_000,
  ) {
    this.documents = new RecentlyUsed(kept);
  }

  read(query: string): ReadOperation {
    const kept = this.documents.get(query);
    if (kept !== undefined) return { document: kept };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [error as GraphQLError] };
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) return { errors };
    this.documents.set(query, document);
    return { document };
  }
}
