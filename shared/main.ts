import type { ServiceApp } from './service.js';

/**
 * Entry point of one service process: start, print the URL, stop cleanly on SIGINT/SIGTERM.
 * A configuration or feed error ends the process with its message and exit code 1.
 */
export async function runService(name: string, build: () => Promise<ServiceApp>): Promise<void> {
  let app: ServiceApp;
  let url: string;
  try {
    app = await build();
    url = await app.start();
  } catch (error) {
    console.error(`${name} cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`${name} ready at ${url}`);
  const shutdown = () => {
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${name} did not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
