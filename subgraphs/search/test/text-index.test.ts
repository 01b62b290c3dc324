import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product.js';
import { loadFeed } from '../../../shared/feed/load.js';
import { TextIndex } from '../text-index.js';
import { ReferenceTextIndex } from './reference-text-index.js';

let products: Product[];
let index: TextIndex;
let reference: ReferenceTextIndex;

beforeAll(async () => {
  const feed = await loadFeed(fileURLToPath(new URL('../../../data/demo-feed.tsv', import.meta.url)), {
    ownBrandLabel: 'eigenmarke',
  });
  products = feed.products;
  index = new TextIndex(products);
  reference = new ReferenceTextIndex(products);
});

/** Relevance by product id, as MiniSearch's search gives it. */
function relevanceById(query: string, anyWord: boolean): Map<string, number> {
  const { found, relevance } = index.search(query, { anyWord });
  return new Map(
    [...found].map((product, at) => [(products[product] as Product).id, relevance[at] as number]),
  );
}

// Words, stems, compounds and their heads, hyphens, typos, umlauts, prefixes being typed, a
// brand, colours, repeated words, words no product has, and nothing searchable at all.
const queries = [
  'laufhose',
  'Laufhosen',
  'lauf',
  'Lauf-Hose',
  'lauf-hose schwarz',
  'jacke blau',
  'Regenjacke',
  'regenjake',
  'hemd',
  'Hemden weiß',
  'weiss hemd',
  't-shirt',
  'T-Shirt Baumwolle',
  'jeans slim',
  'kleid',
  'pullover merino',
  'nordpfad',
  'Nordpfad Pullover Damen',
  'hose hose',
  'daunenjacke winter warm',
  'socken',
  'laufhise',
  'xyzzy',
  'xyzzy laufhose',
  '!!!',
  'a',
];

describe('TextIndex', () => {
  it.each(queries)(
    'finds what MiniSearch finds for "%s", with the same relevance to the last bit',
    (query) => {
      for (const anyWord of [false, true]) {
        expect(relevanceById(query, anyWord), `anyWord ${anyWord}`).toEqual(
          reference.search(query, { anyWord }),
        );
      }
    },
  );

  it('answers a search the same after other searches, whatever they matched', () => {
    const first = relevanceById('laufhose blau', false);
    relevanceById('t-shirt', true);
    relevanceById('hemd', false);
    expect(relevanceById('laufhose blau', false)).toEqual(first);
  });

  it('numbers products by their place in the catalog, ascending', () => {
    const { found } = index.search('laufhose');
    expect(found.length).toBeGreaterThan(10);
    expect([...found]).toEqual([...found].sort((a, b) => a - b));
    expect(found.every((product) => /laufhose/i.test((products[product] as Product).title))).toBe(true);
  });
});
