/** The real components some suites need, and how a developer gets each. */
const components = [
  { variable: 'MONGODB_URI', example: 'mongodb://127.0.0.1:27017/', suites: 'MongoDB' },
  { variable: 'REDIS_URL', example: 'redis://127.0.0.1:6379', suites: 'Redis (multi-instance)' },
];

/**
 * Runs once before all suites. In CI the suites on real components must run, so a missing
 * variable fails the run; locally they are skipped with a word on how to run them.
 */
export default function checkComponentSuites(): void {
  for (const { variable, example, suites } of components) {
    if (process.env[variable] !== undefined) continue;
    if (process.env.CI === 'true') {
      throw new Error(
        `CI=true but ${variable} is not set: the ${suites} suites must run in CI (see .ci/run)`,
      );
    }
    console.info(
      `\n${suites} suites skipped: set ${variable} (e.g. ${example}) to run them, or run \`bash .ci/run\`.`,
    );
  }
}
