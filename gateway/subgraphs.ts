import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The four subgraphs the supergraph is composed of, each with the SDL file its team owns. */
export const subgraphNames = ['profile', 'search', 'recommendation', 'newsletter'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

/** The repository's `subgraphs/` folder: `<name>/schema.graphql` for each subgraph. */
export const repositorySchemaRoot = fileURLToPath(new URL('../subgraphs/', import.meta.url));

export function schemaFileOf(name: SubgraphName, root = repositorySchemaRoot): string {
  return join(root, name, 'schema.graphql');
}
