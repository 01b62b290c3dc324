import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { type SubgraphName, schemaFileOf, subgraphNames } from './subgraphs.js';

export class CompositionError extends Error {
  override name = 'CompositionError';
  constructor(readonly problems: string[]) {
    super(`the subgraph schemas do not compose:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Composes subgraph SDLs into a supergraph SDL, or throws every composition error at once. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const problems: string[] = [];
  const definitions = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      definitions.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      problems.push(`[${name}] ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new CompositionError(problems);
  const result = composeServices(definitions);
  if (result.errors !== undefined) throw new CompositionError(result.errors.map((error) => error.message));
  return result.supergraphSdl;
}

/**
 * The supergraph of the four SDL files under `schemaRoot` (this repository's by default),
 * routed to `urls`.
 */
export async function composeRepositorySupergraph(
  urls: Record<SubgraphName, string>,
  schemaRoot?: string,
): Promise<string> {
  const sources = await Promise.all(
    subgraphNames.map(async (name) => {
      const file = schemaFileOf(name, schemaRoot);
      try {
        return { name, url: urls[name], sdl: await readFile(file, 'utf8') };
      } catch (error) {
        throw new CompositionError([`[${name}] ${file} cannot be read: ${(error as Error).message}`]);
      }
    }),
  );
  return composeSupergraph(sources);
}
