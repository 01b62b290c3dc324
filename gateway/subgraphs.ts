import { fileURLToPath } from 'node:url';

/** The four subgraphs the supergraph is composed of, each with the SDL file its team owns. */
export const subgraphNames = ['profile', 'search', 'recommendation', 'newsletter'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export function schemaFileOf(name: SubgraphName): string {
  return fileURLToPath(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url));
}
