import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** A scenario's figures: name → value; ratios are figures too, measured in the same run. */
export type Figures = Record<string, number>;

export interface BenchReport {
  date: string;
  /** `loadAverage`: the 1-minute load average when the run began; above the cores, others work too. */
  machine: { cpu: string; cores: number; memoryGiB: number; loadAverage: number };
  node: string;
  scenarios: Record<string, Figures>;
}

export function newReport(): BenchReport {
  return {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage: loadavg()[0] as number,
    },
    node: process.version,
    scenarios: {},
  };
}

export function headerLine({ date, machine, node }: BenchReport): string {
  return (
    `journeygraph bench, ${date}, ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ` +
    `Node ${node}, load average ${machine.loadAverage.toFixed(1)} at the start`
  );
}

function formatted(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

/** One line per figure: scenario, figure, value. */
export function tableLines(scenario: string, figures: Figures): string[] {
  return Object.entries(figures).map(
    ([figure, value]) => `${scenario.padEnd(14)} ${figure.padEnd(48)} ${formatted(value).padStart(10)}`,
  );
}

export async function writeReport(report: BenchReport, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
