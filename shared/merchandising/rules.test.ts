import { describe, expect, it } from 'vitest';
import { parseMerchandisingRules } from './rules.js';

const boost = {
  id: 'own-first',
  action: 'boost',
  factor: 1.2,
  when: { ownBrand: true },
  reason: 'Our own brand',
};
const pin = {
  id: 'featured',
  action: 'pin',
  productIds: ['JG-1'],
  placements: ['SEARCH'],
  queries: ['laufhose'],
  reason: 'Featured',
};

function faultOf(...rules: unknown[]): string {
  try {
    parseMerchandisingRules({ rules }, 'shop/merchandising.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the rules were accepted');
}

describe('parseMerchandisingRules', () => {
  it('accepts boosts, buries and pins, placements left out meaning every placement', () => {
    const bury = {
      id: 'sale-last',
      action: 'bury',
      factor: 0.5,
      when: { labels: ['sale'] },
      reason: 'On sale',
    };
    expect(parseMerchandisingRules({ rules: [boost, bury, pin] }, 'test').rules).toEqual([boost, bury, pin]);
  });

  it('names the file, the rule by position and id, and an unknown action', () => {
    expect(faultOf(boost, { ...boost, id: 'promo', action: 'promote' })).toBe(
      'merchandising file shop/merchandising.json is invalid: rules[1] ("promo"): action: must be "boost", "bury" or "pin", got "promote"',
    );
  });

  it('refuses a boost factor of 1 or less', () => {
    expect(faultOf({ ...boost, factor: 1 })).toContain(
      'rules[0] ("own-first"): factor: a boost factor must be greater than 1, got 1',
    );
  });

  it('refuses a bury factor outside 0 to 1', () => {
    const bury = { ...boost, id: 'sale-last', action: 'bury' };
    expect(faultOf({ ...bury, factor: 1.5 })).toContain(
      'rules[0] ("sale-last"): factor: a bury factor must be less than 1, got 1.5',
    );
    expect(faultOf({ ...bury, factor: 0 })).toContain(
      'rules[0] ("sale-last"): factor: a bury factor must be greater than 0, got 0',
    );
  });

  it('refuses an id used twice, naming both rules', () => {
    expect(faultOf(boost, pin, boost)).toContain(
      'rules[2] ("own-first"): id: "own-first" is already the id of rules[0]',
    );
  });

  it('refuses unknown keys in a rule, in its conditions and at the top', () => {
    expect(faultOf({ ...boost, weight: 3 })).toContain('rules[0] ("own-first"): Unrecognized key: "weight"');
    expect(faultOf({ ...boost, when: { ownBrand: true, colour: 'blau' } })).toContain(
      'rules[0] ("own-first"): when: Unrecognized key: "colour"',
    );
    expect(faultOf({ ...boost, queries: ['jeans'] })).toContain('Unrecognized key: "queries"');
    expect(() => parseMerchandisingRules({ rules: [], version: 2 }, 'shop/merchandising.json')).toThrow(
      'merchandising file shop/merchandising.json is invalid: file: Unrecognized key: "version"',
    );
  });

  it('refuses a pin without products', () => {
    const { productIds: _, ...withoutProducts } = pin;
    expect(faultOf(withoutProducts)).toContain('rules[0] ("featured"): productIds: is required');
    expect(faultOf({ ...pin, productIds: [] })).toContain('productIds: must list at least one value');
  });

  it('refuses a boost without conditions, and empty values', () => {
    expect(faultOf({ ...boost, when: {} })).toContain('when: must give at least one condition');
    expect(faultOf({ ...boost, when: { labels: [' '] } })).toContain('when.labels[0]: must not be empty');
    expect(faultOf({ ...boost, reason: '' })).toContain('reason: must not be empty');
  });

  it('refuses an unknown placement', () => {
    expect(faultOf({ ...boost, placements: ['HOME', 'FOOTER'] })).toContain(
      'rules[0] ("own-first"): placements[1]: Invalid option',
    );
  });

  it('refuses pin queries where they could never apply or would apply everywhere', () => {
    const { placements: _, ...everywhere } = pin;
    expect(faultOf(everywhere)).toContain('placements: must be given when queries are');
    expect(faultOf({ ...pin, placements: ['HOME'] })).toContain('queries: apply only in SEARCH');
    expect(faultOf({ ...pin, queries: ['  '] })).toContain('queries[0]: must not be empty');
  });

  it('names a rule without an id by its position', () => {
    expect(faultOf(boost, 'boost')).toContain('rules[1]: Invalid input: expected object');
  });
});
