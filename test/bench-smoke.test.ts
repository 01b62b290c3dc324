import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// `npm run bench` for a moment: every scenario runs and reports figures (correctness, not speed;
// speed is judged by the benchmark itself, see BENCHMARKS.md).
describe('the benchmarks, run briefly', () => {
  it('measures /collect ingestion on every store at hand', async () => {
    vi.stubEnv('BENCH_SECONDS', '1');
    vi.stubEnv('BENCH_ROUNDS', '1');
    try {
      const { benchCollect } = await import('../bench/collect.js');
      const results = await benchCollect();
      expect(results['collect events/s (memory)']).toBeGreaterThan(0);
      expect(results['shop CPU ms per 1,000 events (memory)']).toBeGreaterThan(0);
      if (process.env.MONGODB_URI !== undefined) {
        expect(results['collect events/s (MongoDB)']).toBeGreaterThan(0);
        expect(results['insertMany events/s (MongoDB ceiling)']).toBeGreaterThan(0);
      }
      for (const value of Object.values(results)) expect(Number.isFinite(value)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 120_000);

  describe('of the gateways, with a few requests each', () => {
    beforeEach(() => {
      vi.stubEnv('BENCH_REQUESTS', '8');
      vi.stubEnv('BENCH_ROUNDS', '1');
      vi.stubEnv('BENCH_CONCURRENCY', '4');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    // Every rate, latency and CPU figure of every gateway is a positive number, and the three
    // gateways answered the same data.
    const expectComparison = (figures: Record<string, number>) => {
      for (const gateway of ['journeygraph', 'stock Apollo', 'Hive Gateway']) {
        expect(figures[`${gateway} req/s`]).toBeGreaterThan(0);
        expect(figures[`${gateway} p50 ms`]).toBeGreaterThan(0);
        expect(figures[`${gateway} p99 ms`]).toBeGreaterThanOrEqual(figures[`${gateway} p50 ms`] as number);
        expect(figures[`${gateway} gateway CPU ms/request`]).toBeGreaterThan(0);
      }
      for (const value of Object.values(figures)) expect(Number.isFinite(value)).toBe(true);
      expect(figures['same data from all three (1 = yes)']).toBe(1);
    };

    it('compares journeygraph, stock Apollo and Hive Gateway on a visitor page', async () => {
      const { benchVisitor } = await import('../bench/visitor.js');
      expectComparison(await benchVisitor());
    }, 180_000);

    it('compares the three on a large answer', async () => {
      const { benchLargeResponse } = await import('../bench/large.js');
      expectComparison(await benchLargeResponse());
    }, 180_000);

    it('measures the gateway against the subgraph it calls', async () => {
      const { benchGatewayOverhead } = await import('../bench/gateway-overhead.js');
      const figures = await benchGatewayOverhead();
      expect(figures['search subgraph directly req/s']).toBeGreaterThan(0);
      expect(figures['through journeygraph req/s']).toBeGreaterThan(0);
      expect(figures['gateway / direct, req/s %']).toBeGreaterThan(0);
    }, 120_000);
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

  it('holds live subscribers on journeygraph and Hive Gateway: one message per change', async () => {
    vi.stubEnv('BENCH_SUBSCRIBERS', '50');
    vi.stubEnv('BENCH_REQUIRES_SUBSCRIBERS', '50');
    vi.stubEnv('BENCH_CHANGES', '20');
    try {
      const { benchSubscribers } = await import('../bench/subscribers.js');
      const figures = await benchSubscribers();
      for (const run of [
        'journeygraph, live',
        'journeygraph, @requires',
        'Hive Gateway, live',
        'Hive Gateway, @requires',
      ]) {
        expect(figures[`${run}: changes tracked`]).toBe(20);
        expect(figures[`${run}: messages missed`]).toBe(0);
        expect(figures[`${run}: messages duplicated`]).toBe(0);
        expect(figures[`${run}: track acknowledged → message, p99 ms`]).toBeGreaterThanOrEqual(0);
        expect(figures[`${run}: gateway peak RSS, MiB`]).toBeGreaterThan(0);
      }
      // journeygraph computes every field of every message from that message's change.
      expect(figures['journeygraph, live: messages fresh']).toBe(20);
      expect(figures['journeygraph, @requires: messages fresh']).toBe(20);
      // Hive Gateway 2.12 keeps the recommendations of a subscription's first message: the check
      // that tells stale from fresh does tell them apart.
      expect(
        figures['Hive Gateway, @requires: messages with stale fields from other subgraphs'],
      ).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 300_000);

  it('sends a newsletter page by page, with as many store round trips for every page', async () => {
    // Three pages, the last one half full.
    vi.stubEnv('BENCH_RECIPIENTS', '250');
    vi.stubEnv('BENCH_MONGO_RECIPIENTS', '250');
    try {
      const { benchNewsletter } = await import('../bench/newsletter.js');
      const figures = await benchNewsletter();
      for (const store of process.env.MONGODB_URI === undefined ? ['memory'] : ['memory', 'MongoDB']) {
        expect(figures[`recipients (${store})`]).toBe(250);
        expect(figures[`recipients/s (${store})`]).toBeGreaterThan(0);
        expect(figures[`store round trips per page, fewest (${store})`]).toBeGreaterThan(0);
        expect(figures[`store round trips per page, most (${store})`]).toBe(
          figures[`store round trips per page, fewest (${store})`],
        );
      }
      for (const value of Object.values(figures)) expect(Number.isFinite(value) && value > 0).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 300_000);

  it('measures personalized faceted search over a generated catalog and the demo catalog', async () => {
    vi.stubEnv('BENCH_SECONDS', '1');
    vi.stubEnv('BENCH_SEARCH_PRODUCTS', '1000');
    try {
      const { benchSearch } = await import('../bench/search.js');
      const figures = await benchSearch();
      expect(figures['generated: products']).toBe(1000);
      expect(figures['demo: products']).toBeGreaterThan(1000);
      for (const catalog of ['generated', 'demo']) {
        expect(figures[`${catalog}: search with facets p95 ms`]).toBeGreaterThanOrEqual(
          figures[`${catalog}: search with facets p50 ms`] as number,
        );
      }
      // Every figure is a time or a count; the machine's load may be 0.
      for (const [name, value] of Object.entries(figures))
        expect(Number.isFinite(value) && (value > 0 || name.startsWith('machine load')), name).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 120_000);

  it('starts the shop as npm start does, and reads the server process’s memory', async () => {
    vi.stubEnv('BENCH_STARTS', '1');
    vi.stubEnv('BENCH_IDLE_SECONDS', '1');
    try {
      const { benchStartup } = await import('../bench/startup.js');
      const figures = await benchStartup();
      expect(figures['spawn to gateway /health ms']).toBeGreaterThanOrEqual(
        figures['spawn to ready line ms'] as number,
      );
      expect(figures['spawn to ready line ms']).toBeGreaterThan(
        figures['ready as main.ts reports it ms'] as number,
      );
      expect(figures['server RSS once ready MiB']).toBeGreaterThan(figures['tsx launcher RSS MiB'] as number);
      for (const value of Object.values(figures)) expect(Number.isFinite(value) && value > 0).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 300_000);
});
