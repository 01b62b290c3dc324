import { describe, expect, it, vi } from 'vitest';

// `npm run bench` for a moment: every scenario runs and reports figures (correctness, not speed;
// speed is judged by the benchmark itself, see BENCHMARKS.md).
describe('the benchmarks, run briefly', () => {
  it('measures /collect ingestion on every store at hand', async () => {
    vi.stubEnv('BENCH_SECONDS', '1');
    const { benchCollect } = await import('../bench/collect.js');
    const results = await benchCollect();
    expect(results['collect events/s (memory)']).toBeGreaterThan(0);
    if (process.env.MONGODB_URI !== undefined) {
      expect(results['collect events/s (MongoDB)']).toBeGreaterThan(0);
      expect(results['insertMany events/s (MongoDB ceiling)']).toBeGreaterThan(0);
    }
  });

  it('measures the gateway against the subgraph it calls', async () => {
    vi.stubEnv('BENCH_SECONDS', '1');
    const { benchGatewayOverhead } = await import('../bench/gateway-overhead.js');
    const results = await benchGatewayOverhead();
    expect(results['search subgraph directly req/s']).toBeGreaterThan(0);
    expect(results['through the gateway req/s']).toBeGreaterThan(0);
  });

  it('measures subscription latency on one instance and across instances', async () => {
    vi.stubEnv('BENCH_CHANGES', '20');
    const { benchSubscriptions } = await import('../bench/subscriptions.js');
    const results = await benchSubscriptions();
    const figures = Object.values(results);
    expect(figures.length).toBe(
      process.env.MONGODB_URI !== undefined && process.env.REDIS_URL !== undefined ? 8 : 4,
    );
    for (const figure of figures) expect(Number.isFinite(figure) && figure >= 0).toBe(true);
  });
});
