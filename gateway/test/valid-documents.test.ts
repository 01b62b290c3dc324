import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ValidDocuments } from '../subscriptions/documents.js';
import { RecentlyUsed } from '../../shared/recently-used.js';

const schema = buildSchema(`
  type Query { visitor(id: ID!): Visitor }
  type Visitor { id: ID! }
`);
const operation = '{ visitor(id: "v-1") { id } }';

describe('operations kept by their text', () => {
  it('parses and validates a text once however often it is sent', () => {
    const documents = new ValidDocuments(schema);
    const first = documents.read(operation);
    const again = documents.read(operation);
    expect('document' in first && first.document.kind).toBe('Document');
    expect('document' in first && 'document' in again && again.document === first.document).toBe(true);
  });

  it('says why a text is not a valid operation, every time', () => {
    const documents = new ValidDocuments(schema);
    for (const attempt of [1, 2]) {
      const read = documents.read('{ visitor(id: "v-1") { name } }');
      expect({ attempt, errors: 'errors' in read && read.errors.map((error) => error.message) }).toEqual({
        attempt,
        errors: ['Cannot query field "name" on type "Visitor".'],
      });
    }
    const broken = documents.read('{ visitor(');
    expect('errors' in broken && broken.errors[0]?.message).toMatch(/^Syntax Error/);
  });
});

describe('a bounded map of recently used entries', () => {
  it('drops the least recently used entry when full, a read counting as use', () => {
    const entries = new RecentlyUsed<number>(2);
    entries.set('a', 1);
    entries.set('b', 2);
    expect(entries.get('a')).toBe(1);
    entries.set('c', 3);
    expect([entries.get('a'), entries.get('b'), entries.get('c')]).toEqual([1, undefined, 3]);
  });

  it('refuses a limit that is not a whole number of at least one', () => {
    expect(() => new RecentlyUsed(0)).toThrow('limit must be a whole number ≥ 1, got 0');
  });
});
