import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { product } from '../../../test/support/catalog-fixtures.js';
import { SearchCatalog } from '../catalog.js';
import type * as facets from '../facets.js';
import { countFacets } from '../facets.js';
import { resolvers, typeDefs } from '../app.js';

vi.mock('../facets.js', async (importOriginal) => {
  const original = await importOriginal<typeof facets>();
  return { ...original, countFacets: vi.fn(original.countFacets) };
});

const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
const catalog = new SearchCatalog([
  product('tempo', { title: 'Laufhose Tempo', variants: [['XL', 'blau', 4]] }),
  product('sprint', { title: 'Laufhose Sprint', variants: [['M', 'schwarz', 2]] }),
]);
const contextValue = { services: { catalog, signals: { liftAt: () => null } } };

async function search(selection: string) {
  const result = await execute({
    schema,
    document: parse(`{ search(input: { query: "laufhose" }) { ${selection} } }`),
    contextValue,
  });
  expect(result.errors).toBeUndefined();
  return result.data?.search as Record<string, unknown>;
}

describe('search facets', () => {
  beforeEach(() => {
    vi.mocked(countFacets).mockClear();
  });

  it('are not counted for a query that does not select them', async () => {
    expect(await search('total items { id }')).toEqual({
      total: 2,
      items: [{ id: 'sprint' }, { id: 'tempo' }],
    });
    expect(countFacets).not.toHaveBeenCalled();
  });

  it('are counted once for a query that selects them', async () => {
    const result = await search('total facets { field values { value count } }');
    expect(result.facets).toContainEqual({
      field: 'size',
      values: [
        { value: 'M', count: 1 },
        { value: 'XL', count: 1 },
      ],
    });
    expect(countFacets).toHaveBeenCalledTimes(1);
  });
});
