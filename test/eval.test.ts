import { beforeAll, describe, expect, it } from 'vitest';
import { type Evaluation, evaluate } from '../eval/evaluate.js';
import { violationsOf } from '../eval/hard-rules.js';
import type { ShownList, ShownProduct } from '../eval/observations.js';
import { parseCommandLine } from '../eval/options.js';

function shown(id: string, stockInM: number): ShownProduct {
  return {
    id,
    category: 'Laufhosen',
    brand: 'Fjordlicht',
    ownBrand: false,
    variants: [
      { size: 'M', color: 'blau', stock: stockInM },
      { size: 'XL', color: 'blau', stock: 5 },
    ],
  };
}

function expectNumber(value: number | null | undefined): void {
  expect(typeof value).toBe('number');
  expect(Number.isFinite(value)).toBe(true);
}

// `npm run eval` in small: 12 synthetic visitors through a system on the memory store.
describe('the consistency evaluation', () => {
  let evaluation: Evaluation;

  beforeAll(async () => {
    evaluation = await evaluate({ visitors: 12, seed: 7, concurrency: 4 });
  }, 120_000);

  it('checks the recommendations and the newsletter of every synthetic visitor', () => {
    for (const run of evaluation.runs) {
      // Per visitor at least a home list, alternatives to a product and the newsletter.
      expect(run.hardRules.listsChecked).toBeGreaterThanOrEqual(3 * 12);
      expect(run.hardRules.productsChecked).toBeGreaterThan(run.hardRules.listsChecked);
    }
  });

  it("never recommends or mails a product that is out of stock in the visitor's size", () => {
    for (const run of evaluation.runs) {
      expect(run.hardRules.examples.filter((violation) => violation.rule === 'out of stock in size')).toEqual(
        [],
      );
      expect(run.hardRules.broken['out of stock in size']).toBe(0);
      expect(run.hardRules.outOfStockShare).toBe(0);
    }
  });

  it('never recommends or mails a product the visitor already bought', () => {
    for (const run of evaluation.runs) expect(run.hardRules.broken['already bought']).toBe(0);
  });

  it('never shows a product twice in one list, nor the product on the page or in the cart', () => {
    for (const run of evaluation.runs) {
      expect(run.hardRules.broken.duplicate).toBe(0);
      expect(run.hardRules.broken['current product']).toBe(0);
    }
  });

  it('judges the evaluation passed, so that `npm run eval` exits with 0', () => {
    expect(evaluation.passed).toBe(true);
  });

  it('computes every metric as a number', () => {
    expectNumber(evaluation.colourTop3.share);
    expectNumber(evaluation.hitRateAt10.recommended);
    expectNumber(evaluation.hitRateAt10.popularity);
    if (evaluation.hitRateAt10.popularity === 0) expect(evaluation.hitRateAt10.ratio).toBeNull();
    else expectNumber(evaluation.hitRateAt10.ratio);
    for (const run of evaluation.runs) expectNumber(run.clickThrough.rate);
    expect(evaluation.runs.map((run) => run.name)).toEqual(['learned', 'unlearned']);
    expectNumber(evaluation.clickThroughRatio);
    expectNumber(evaluation.ownBrands.catalogShare);
    const measured = evaluation.ownBrands.placements.filter((placement) => placement.lists > 0);
    expect(measured.map((placement) => placement.placement)).toContain('HOME');
    for (const placement of measured) expectNumber(placement.top3Share);
    expectNumber(evaluation.wallTimeSeconds);
  });
});

describe('the hard-rule check of the consistency evaluation', () => {
  const list: ShownList = {
    visitor: 0,
    source: 'recommendations',
    placement: 'PRODUCT_DETAIL',
    anchor: 'JG-00003',
    size: 'm',
    bought: ['JG-00002'],
    filterColor: null,
    products: [
      shown('JG-00001', 0),
      shown('JG-00002', 3),
      shown('JG-00003', 3),
      shown('JG-00004', 3),
      shown('JG-00004', 3),
    ],
  };

  it('reports a product out of stock in the size, a bought one, the current one and a duplicate', () => {
    expect(violationsOf(list).map(({ rule, productId }) => `${productId} ${rule}`)).toEqual([
      'JG-00001 out of stock in size',
      'JG-00002 already bought',
      'JG-00003 current product',
      'JG-00004 duplicate',
    ]);
  });
});

describe('the command line of the consistency evaluation', () => {
  it('reads visitors, seed and the JSON file, with defaults for the rest', () => {
    expect(parseCommandLine(['--visitors', '20', '--seed', '3', '--json', 'out.json'])).toEqual({
      visitors: 20,
      seed: 3,
      concurrency: 8,
      json: 'out.json',
    });
  });

  it('refuses a flag value that is not a whole number, naming the flag', () => {
    expect(() => parseCommandLine(['--visitors', 'many'])).toThrow(/--visitors must be a number/);
    expect(() => parseCommandLine(['--visitors', '0'])).toThrow(/--visitors must be at least 1/);
    expect(() => parseCommandLine(['--color', 'blau'])).toThrow(/Unknown option '--color'/);
  });
});
