import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CompositionError, composeRepositorySupergraph, composeSupergraph } from '../compose.js';
import { repositorySchemaRoot, type SubgraphName, subgraphNames } from '../subgraphs.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../', import.meta.url));
const urls = Object.fromEntries(subgraphNames.map((name) => [name, `http://${name}.test/graphql`])) as Record<
  SubgraphName,
  string
>;

async function copyOfSchemas(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'journeygraph-schemas-'));
  for (const name of subgraphNames) {
    await cp(join(repositorySchemaRoot, name, 'schema.graphql'), join(root, name, 'schema.graphql'));
  }
  return root;
}

async function compose(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'gateway/compose-cli.ts', ...args],
      {
        cwd: repository,
        env: { ...process.env, NODE_ENV: 'test' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('composition of the four subgraph schemas', () => {
  it('composes into one supergraph where every subgraph adds to Visitor', async () => {
    const supergraph = await composeRepositorySupergraph(urls);
    for (const name of subgraphNames) expect(supergraph).toContain(`url: "${urls[name]}"`);
    const visitor = supergraph.slice(supergraph.indexOf('type Visitor'));
    for (const field of ['preferences', 'recentlyViewed', 'search(', 'recommendations(', 'newsletter(']) {
      expect(visitor).toContain(field);
    }
  });

  it('names every error of schemas that do not compose', () => {
    const build = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a.test', sdl: 'type Query { product: Product } type Product { id: ID! }' },
        { name: 'b', url: 'http://b.test', sdl: 'type Query { other: Int } type Product { id: String! }' },
      ]);
    expect(build).toThrow(CompositionError);
    expect(build).toThrow(/Product\.id/);
  });

  it('reports a schema that does not parse with its subgraph name', () => {
    expect(() => composeSupergraph([{ name: 'broken', url: 'http://x.test', sdl: 'type Query {' }])).toThrow(
      /\[broken\] Syntax Error/,
    );
  });

  it('writes supergraph.graphql with `npm run compose`', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'journeygraph-compose-')), 'supergraph.graphql');
    const result = await compose(['--out', out]);
    expect(result.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('join__Graph');
  });

  it('prints the composition errors and fails on a schema change that breaks the supergraph', async () => {
    const schemas = await copyOfSchemas();
    const recommendation = join(schemas, 'recommendation', 'schema.graphql');
    // The recommendation team requires a preferences field the profile does not have.
    const sdl = await readFile(recommendation, 'utf8');
    await writeFile(recommendation, sdl.replace('sizes { value score }', 'shoeSizes { value score }'));
    const out = join(schemas, 'supergraph.graphql');
    const result = await compose(['--schemas', schemas, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('do not compose');
    expect(result.stderr).toContain('shoeSizes');
  });
});
