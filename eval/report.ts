import type { Evaluation } from './evaluate.js';
import { hardRules } from './hard-rules.js';

const notAvailable = 'n/a';

function percent(value: number | null): string {
  return value === null ? notAvailable : `${(100 * value).toFixed(1)} %`;
}

function times(value: number | null): string {
  return value === null ? notAvailable : `${value.toFixed(2)}×`;
}

function count(value: number | null): string {
  return value === null ? notAvailable : value.toLocaleString('en');
}

/** Rows of cells, each column as wide as its widest cell. */
function table(rows: string[][]): string {
  const widths = rows.reduce<number[]>(
    (found, row) => row.map((cell, index) => Math.max(found[index] ?? 0, cell.length)),
    [],
  );
  return rows
    .map((row) => `  ${row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('   ')}`.trimEnd())
    .join('\n');
}

/** The evaluation as a table a person reads in a terminal or a CI log. */
export function formatReport(evaluation: Evaluation): string {
  const { runs, hitRateAt10, colourTop3, ownBrands } = evaluation;
  const hardRuleRows = [
    ['hard rules (each must be 0)', ...runs.map((run) => `${run.name} run`)],
    ['lists checked (recommendations, newsletters)', ...runs.map((run) => count(run.hardRules.listsChecked))],
    [
      "out of stock in the visitor's size",
      ...runs.map(
        (run) =>
          `${count(run.hardRules.broken['out of stock in size'])} of ${count(run.hardRules.productsChecked)} (${percent(run.hardRules.outOfStockShare)})`,
      ),
    ],
    ...hardRules
      .filter((rule) => rule !== 'out of stock in size')
      .map((rule) => [rule, ...runs.map((run) => count(run.hardRules.broken[rule]))]),
  ];
  const ownBrandCell = [
    ...ownBrands.placements.map(
      ({ placement, lists, top3Share }) => `${placement} ${percent(top3Share)} of ${count(lists)}`,
    ),
    `catalog share ${percent(ownBrands.catalogShare)}`,
  ].join(' · ');
  const [learned, unlearned] = runs;
  const clickThroughCell = `learned ${percent(learned?.clickThrough.rate ?? null)} vs unlearned ${percent(unlearned?.clickThrough.rate ?? null)}, ratio ${times(evaluation.clickThroughRatio)}`;
  const metricRows = [
    ['metric', 'value'],
    [
      "top-3 alternatives in the last filter's colour",
      `${percent(colourTop3.share)} of ${count(colourTop3.slots)} places`,
    ],
    [
      'hit-rate@10 of the next click',
      `recommendations ${percent(hitRateAt10.recommended)} vs popularity ${percent(hitRateAt10.popularity)}, ratio ${times(hitRateAt10.ratio)} (${count(hitRateAt10.nextClicks)} clicks)`,
    ],
    ['own brands in the top 3 where the rules ask', ownBrandCell],
    ['click-through of recommendations', clickThroughCell],
  ];
  const brokenExamples = runs.flatMap((run) =>
    run.hardRules.examples.map(
      (violation) =>
        `  ${run.name} run: visitor ${violation.visitor}, ${violation.source} at ${violation.placement}: ${violation.productId} ${violation.rule}`,
    ),
  );
  return [
    `journeygraph consistency evaluation: ${evaluation.visitors} visitors, seed ${evaluation.seed}, ${evaluation.steps} steps per run`,
    '',
    table(hardRuleRows),
    '',
    table(metricRows),
    '',
    ...(brokenExamples.length > 0 ? ['broken hard rules (first of each run):', ...brokenExamples, ''] : []),
    `${evaluation.passed ? 'PASSED: no hard rule broken' : 'FAILED: a hard rule is broken'}; wall time ${evaluation.wallTimeSeconds.toFixed(1)} s`,
  ].join('\n');
}
