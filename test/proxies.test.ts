import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './support/journey.js';

// Behind a load balancer every visitor arrives from the balancer's address; with it configured
// in TRUSTED_PROXIES the startVisit limit counts each visitor's own address.
describe('rate limits behind a trusted proxy', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney({
      storage: 'memory',
      env: { TRUSTED_PROXIES: '127.0.0.1', START_VISITS_PER_MINUTE: '2' },
    });
  });
  afterAll(async () => {
    await journey?.stop();
  });

  const visitFrom = (address: string) =>
    fetch(new URL('/visit', journey.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': address },
      body: '{}',
    });

  it('limits each forwarded client address on its own', async () => {
    expect((await visitFrom('203.0.113.7')).status).toBe(200);
    expect((await visitFrom('203.0.113.7')).status).toBe(200);
    expect((await visitFrom('203.0.113.7')).status).toBe(429);
    expect((await visitFrom('203.0.113.8')).status).toBe(200);
  });
});
