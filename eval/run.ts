import { writeFile } from 'node:fs/promises';
import { evaluate } from './evaluate.js';
import { parseCommandLine, UsageError } from './options.js';
import { formatReport } from './report.js';

// `npm run eval -- [flags]`: exit code 0 when every hard rule holds, 1 when one is broken or the
// evaluation could not run, 2 for bad flags.
try {
  const commandLine = parseCommandLine(process.argv.slice(2));
  const evaluation = await evaluate(commandLine);
  console.log(formatReport(evaluation));
  if (commandLine.json !== undefined) {
    await writeFile(commandLine.json, `${JSON.stringify(evaluation, null, 2)}\n`);
    console.log(`written to ${commandLine.json}`);
  }
  process.exitCode = evaluation.passed ? 0 : 1;
} catch (error) {
  console.error(`eval: ${(error as Error).message}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
