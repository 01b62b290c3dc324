/**
 * Polls `condition` until it holds: events reach the learners asynchronously, so a step that
 * needs their effect waits for it to show, up to a deadline, rather than for a fixed time.
 */
export async function waitUntil(
  condition: () => Promise<boolean>,
  what: string,
  { timeoutMs = 5_000, intervalMs = 10 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
