import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsletterJson } from '../gateway/edge/newsletter.js';
import { type Journey, startJourney, startVisit, type Visit } from './support/journey.js';

const apiKey = 'dev-api-key';

describe('newsletter endpoints for tools, tracking links and the open pixel', () => {
  let journey: Journey;
  let visit: Visit;

  beforeAll(async () => {
    journey = await startJourney({ storage: 'memory' });
    visit = await startVisit(journey);
    const laufhosenInXl = { sizes: ['XL'], categories: ['Laufhosen'] };
    const { errors } = await journey.query(
      `mutation ($events: [TrackEventInput!]!) { track(events: $events) { accepted } }`,
      {
        events: [
          { visitorId: visit.visitorId, type: 'FILTER', search: { filters: laufhosenInXl } },
          { visitorId: visit.visitorId, type: 'FILTER', search: { filters: laufhosenInXl } },
        ],
      },
      `Bearer ${visit.token}`,
    );
    expect(errors).toBeUndefined();
    const consent = await journey.query(
      `mutation ($id: ID!) { setConsent(visitorId: $id, consent: { newsletter: true }) { newsletter } }`,
      { id: visit.visitorId },
      `Bearer ${visit.token}`,
    );
    expect(consent.errors).toBeUndefined();
  });
  afterAll(async () => {
    await journey?.stop();
  });

  const at = (path: string) => new URL(path, journey.gatewayUrl).toString();
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(at(path), { headers, redirect: 'manual' });
  const withKey = { authorization: `Bearer ${apiKey}` };
  const stored = async (visitorId: string) =>
    (await journey.profile.store.eventsOf(visitorId)).filter((event) => event.type.startsWith('NEWSLETTER_'));

  async function content(): Promise<NewsletterJson> {
    const response = await get(`/newsletter/weekly/${visit.visitorId}.json`, withKey);
    expect(response.status).toBe(200);
    return (await response.json()) as NewsletterJson;
  }

  it('answers the content as JSON with signed links and cache headers', async () => {
    const response = await get(`/newsletter/weekly/${visit.visitorId}.json`, withKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const body = (await response.json()) as NewsletterJson;
    expect(body.campaignId).toBe('weekly');
    expect(body.visitorId).toBe(visit.visitorId);
    expect(body.subject).toBe('Neue Laufhosen in XL für dich');
    expect(body.products.length).toBeGreaterThan(0);
    for (const product of body.products) {
      expect(product).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        brand: expect.any(String),
      });
      expect(product.link).toMatch(/\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
  });

  it('leads with a hero product, then titled blocks, each product once and with its reasons', async () => {
    const body = await content();
    expect(body.hero?.reasons).toContain('In stock in your size XL');
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(body.blocks[0]?.title).toBe('Neu in XL für dich');
    const inOrder = [body.hero, ...body.blocks.flatMap(({ products }) => products)].map(
      (product) => product?.id,
    );
    expect(inOrder).toEqual(body.products.map(({ id }) => id));
    expect(new Set(inOrder).size).toBe(inOrder.length);
    const html = await (await get(`/newsletter/weekly/${visit.visitorId}.html`, withKey)).text();
    for (const { title } of body.blocks) expect(html).toContain(title);
    expect(html).toContain('width="600"');
  });

  it('takes the API key from ?key= for tools that only fetch URLs', async () => {
    const response = await get(`/newsletter/weekly/${visit.visitorId}.json?key=${apiKey}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as NewsletterJson).subject).toBe('Neue Laufhosen in XL für dich');
  });

  it('answers email-safe HTML with escaped text, tracking links and the open pixel', async () => {
    const json = await content();
    const response = await get(`/newsletter/weekly/${visit.visitorId}.html`, withKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const html = await response.text();
    expect(html).toContain('Neue Laufhosen in XL für dich');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<table');
    expect(html).toMatch(
      /<img src="[^"]+\/o\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.gif" width="1" height="1" alt=""/,
    );
    for (const product of json.products) {
      const escaped = product.title
        .replaceAll('&', '&amp;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;')
        .replaceAll('"', '&quot;')
        .replaceAll("'", '&#39;');
      expect(html).toContain(escaped);
      if (product.link !== null) expect(html).toContain(product.link);
    }
  });

  it('refuses a visitor token (403), no key (401) and a wrong key (401)', async () => {
    const path = `/newsletter/weekly/${visit.visitorId}.json`;
    expect((await get(path, { authorization: `Bearer ${visit.token}` })).status).toBe(403);
    const none = await get(path);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: expect.any(String) });
    expect((await get(`${path}?key=not-a-key`)).status).toBe(401);
  });

  it('answers 404 for an unknown campaign or visitor and 400 for malformed ids', async () => {
    const campaign = await get(`/newsletter/no-such-campaign/${visit.visitorId}.json`, withKey);
    expect(campaign.status).toBe(404);
    expect(await campaign.json()).toEqual({ error: expect.any(String) });
    const visitor = await get('/newsletter/weekly/never-seen-visitor.json', withKey);
    expect(visitor.status).toBe(404);
    expect(await visitor.json()).toEqual({ error: expect.any(String) });
    expect((await get(`/newsletter/weekly/${'x'.repeat(65)}.json`, withKey)).status).toBe(400);
    expect((await get(`/newsletter/we%20ekly/${visit.visitorId}.html`, withKey)).status).toBe(400);
  });

  it('leaves exact routes and unknown paths as they were next to the prefix routes', async () => {
    expect((await get('/health')).status).toBe(200);
    expect((await get('/newsletter')).status).toBe(404);
    expect((await get('/nothing-here')).status).toBe(404);
    expect((await get('/constructor')).status).toBe(404);
  });

  it('records NEWSLETTER_CLICK for a product link and redirects to the product page', async () => {
    const product = (await content()).products.find((candidate) => candidate.link !== null);
    expect(product).toBeDefined();
    const before = (await stored(visit.visitorId)).length;
    const response = await fetch(product?.link as string, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const productUrl = (
      await journey.query<{ product: { url: string } }>('query ($id: ID!) { product(id: $id) { url } }', {
        id: product?.id,
      })
    ).data?.product.url;
    expect(response.headers.get('location')).toBe(productUrl);
    const after = await stored(visit.visitorId);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      type: 'NEWSLETTER_CLICK',
      campaignId: 'weekly',
      productId: product?.id,
    });
  });

  it('records NEWSLETTER_OPEN for the pixel and answers a transparent GIF', async () => {
    const html = await (await get(`/newsletter/weekly/${visit.visitorId}.html`, withKey)).text();
    const pixel = /<img src="([^"]+\.gif)" width="1"/.exec(html)?.[1];
    expect(pixel).toBeDefined();
    const before = (await stored(visit.visitorId)).length;
    const response = await fetch(pixel as string);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    const after = await stored(visit.visitorId);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ type: 'NEWSLETTER_OPEN', campaignId: 'weekly' });
  });

  it('refuses a tampered link or pixel with 400 and records nothing', async () => {
    const json = await content();
    const link = json.products.find((product) => product.link !== null)?.link as string;
    const before = (await stored(visit.visitorId)).length;
    const tokenStart = link.indexOf('/r/') + 3;
    const position = tokenStart + 5;
    const changed = `${link.slice(0, position)}${link[position] === 'A' ? 'B' : 'A'}${link.slice(position + 1)}`;
    expect(changed).not.toBe(link);
    const tampered = await fetch(changed, { redirect: 'manual' });
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('location')).toBeNull();
    const lastSignatureChar = link.at(-2) === 'A' ? 'B' : 'A';
    const badSignature = `${link.slice(0, -2)}${lastSignatureChar}${link.slice(-1)}`;
    expect((await fetch(badSignature, { redirect: 'manual' })).status).toBe(400);
    expect((await get('/r/garbage', {})).status).toBe(400);
    const pixelToken = link.slice(tokenStart);
    const pixelTampered = `${pixelToken.slice(0, 5)}${pixelToken[5] === 'A' ? 'B' : 'A'}${pixelToken.slice(6)}`;
    expect((await get(`/o/${pixelTampered}.gif`)).status).toBe(400);
    expect((await get('/o/garbage.gif')).status).toBe(400);
    expect(await stored(visit.visitorId)).toHaveLength(before);
  });

  it('still redirects and sends the pixel when the event cannot be stored', async () => {
    const declined = await startVisit(journey);
    const { errors } = await journey.query(
      'mutation ($id: ID!) { setConsent(visitorId: $id, consent: { tracking: false, newsletter: true }) { tracking } }',
      { id: declined.visitorId },
    );
    expect(errors).toBeUndefined();
    // The links of this gateway for the declined visitor: the ones of its own HTML.
    const html = await (await get(`/newsletter/weekly/${declined.visitorId}.html`, withKey)).text();
    const pixel = /<img src="([^"]+\.gif)" width="1"/.exec(html)?.[1];
    const link = /<a href="([^"]+\/r\/[^"]+)"/.exec(html)?.[1];
    expect(pixel).toBeDefined();
    expect(link).toBeDefined();
    expect((await fetch(pixel as string)).status).toBe(200);
    expect((await fetch(link as string, { redirect: 'manual' })).status).toBe(302);
    expect(await stored(declined.visitorId)).toHaveLength(0);
  });

  it('answers 403 with the reason for a recipient who has not agreed to newsletters', async () => {
    const undecided = await startVisit(journey);
    const response = await get(`/newsletter/weekly/${undecided.visitorId}.json`, withKey);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain(
      'has not agreed to receive newsletters',
    );
  });

  it('logs the mean time per recipient of the JSON endpoint', async () => {
    const rounds = 20;
    const started = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      const response = await get(`/newsletter/weekly/${visit.visitorId}.json`, withKey);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const meanMs = (performance.now() - started) / rounds;
    console.info(`newsletter .json: ${meanMs.toFixed(1)} ms per recipient (mean of ${rounds})`);
  });
});
