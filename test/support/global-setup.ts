/**
 * Runs once before all suites. In CI the MongoDB suites must run, so a missing `MONGODB_URI`
 * fails the run; locally they are skipped with a word on how to run them.
 */
export default function checkMongoSuites(): void {
  if (process.env.MONGODB_URI !== undefined) return;
  if (process.env.CI === 'true') {
    throw new Error('CI=true but MONGODB_URI is not set: the MongoDB suites must run in CI (see .ci/run)');
  }
  console.info(
    '\nMongoDB suites skipped: set MONGODB_URI (e.g. mongodb://127.0.0.1:27017/) to run them, or run `bash .ci/run`.\n',
  );
}
