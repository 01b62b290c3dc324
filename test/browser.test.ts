import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Journey, startJourney } from './support/journey.js';

const chromiumPath = '/usr/bin/chromium';
const chromiumInstalled = existsSync(chromiumPath);
if (!chromiumInstalled) {
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but ${chromiumPath} is missing: .ci/run installs Debian's chromium for this suite`,
    );
  }
  console.info(
    `\nBrowser suite skipped: ${chromiumPath} is missing (apt-get install chromium, or run bash .ci/run).\n`,
  );
}

/** `window.journeygraph` and the little of the DOM the page functions below touch. */
interface TrackerWindow {
  journeygraph: {
    track(type: string, data?: Record<string, unknown>): void;
    consent(granted: boolean): void;
    flush(): Promise<void>;
    visitorId(): string | null;
  };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

interface CollectBody {
  token: string;
  events: { type: string; productIds?: string[] }[];
  consent?: { tracking?: boolean };
}

const flush = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as TrackerWindow).journeygraph.flush());
const visitorIdOf = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as TrackerWindow).journeygraph.visitorId());
const track = (page: Page, type: string, data: Record<string, unknown>) =>
  page.evaluate(([type, data]) => (globalThis as unknown as TrackerWindow).journeygraph.track(type, data), [
    type,
    data,
  ] as const);
const consent = (page: Page, granted: boolean) =>
  page.evaluate((granted) => (globalThis as unknown as TrackerWindow).journeygraph.consent(granted), granted);
const trackerLoaded = (page: Page) =>
  page.waitForFunction(
    () => typeof (globalThis as unknown as TrackerWindow).journeygraph?.flush === 'function',
  );

/**
 * A shop on another origin than the gateway, as in production: the tracker's requests are
 * cross-origin. Each path serves the page registered for it.
 */
async function startShop(): Promise<{ origin: string; pages: Map<string, string>; server: Server }> {
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const page = pages.get(request.url ?? '/');
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'no such page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages, server };
}

const shopPage = (head: string) =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Shop</title>${head}</head><body><p>Shop</p></body></html>`;

describe.skipIf(!chromiumInstalled)('the tracker and the demo shop in headless Chromium', () => {
  let journey: Journey;
  let browser: Browser;
  let gateway: string;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let context: BrowserContext;

  beforeAll(async () => {
    [journey, browser, shop] = await Promise.all([
      startJourney({ storage: 'memory' }),
      chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }),
      startShop(),
    ]);
    gateway = new URL(journey.gatewayUrl).origin;
    shop.pages.set(
      '/consent',
      shopPage(
        `<script>window.journeygraph = window.journeygraph || []; journeygraph.push(['track', 'PRODUCT_VIEW', { productId: 'JG-00001' }]);</script>` +
          `<script src="${gateway}/tracker.js" data-require-consent="true" async></script>`,
      ),
    );
    shop.pages.set('/plain', shopPage(`<script src="${gateway}/tracker.js" async></script>`));
    shop.pages.set('/blank', shopPage(''));
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.server.close(resolve));
    await journey?.stop();
  });
  beforeEach(async () => {
    // A fresh profile per test: no visit or consent left in localStorage by another.
    context = await browser.newContext();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** The requests the page sends to the gateway's tracker endpoints. */
  const trackerRequests = (page: Page): Request[] => {
    const seen: Request[] = [];
    page.on('request', (request) => {
      if (request.url() === `${gateway}/collect` || request.url() === `${gateway}/visit`) seen.push(request);
    });
    return seen;
  };
  const isCollect = (request: Request) => request.url() === `${gateway}/collect`;
  const bodyOf = (request: Request) => JSON.parse(request.postData() ?? 'null') as CollectBody;

  it('records a search with size and colour, a click, the product view and the add-to-cart into the profile', async () => {
    const page = await context.newPage();
    const sent = trackerRequests(page);
    // The tracker logs nothing without data-debug and never throws into the page.
    const pageOutput: string[] = [];
    page.on('console', (message) => pageOutput.push(message.text()));
    page.on('pageerror', (error) => pageOutput.push(error.message));
    await page.goto(`${gateway}/demo`);
    await trackerLoaded(page);

    await page.check('#size-filters input[value="XL"]');
    await page.check('#color-filters input[value="blau"]');
    await page.click('#search-button');
    const first = page.locator('#results a[data-jg-product]').first();
    await first.waitFor();
    const productId = (await first.getAttribute('data-jg-product')) as string;
    await first.click();
    const addToCart = page.locator('#product-detail [data-jg-add-to-cart]');
    await addToCart.waitFor();
    expect(await page.getAttribute('#product-detail', 'data-jg-product')).toBe(productId);
    const sku = (await addToCart.getAttribute('data-jg-sku')) as string;
    const cartCollected = page.waitForResponse(
      (response) =>
        isCollect(response.request()) && (response.request().postData() ?? '').includes('"ADD_TO_CART"'),
    );
    await addToCart.click();
    await flush(page);
    expect((await cartCollected).status()).toBe(204);

    const visitorId = await visitorIdOf(page);
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{4,64}$/);
    const collects = sent.filter(isCollect);
    expect(collects.length).toBeGreaterThan(0);
    for (const request of collects) expect(request.headers()['content-type']).toBe('text/plain');

    const { data: catalog } = await journey.query<{
      product: { variants: { sku: string; size: string; color: string }[] };
    }>(`query ($id: ID!) { product(id: $id) { variants { sku size color } } }`, { id: productId });
    expect(catalog?.product.variants.find((variant) => variant.sku === sku)).toMatchObject({
      size: 'XL',
      color: 'blau',
    });

    const events = await journey.profile.store.eventsOf(visitorId as string);
    const ofType = (type: string) => events.filter((event) => event.type === type);
    expect(ofType('PAGE_VIEW')).toHaveLength(1);
    expect(ofType('SEARCH')).toHaveLength(1);
    expect(ofType('SEARCH')[0]?.search).toMatchObject({ query: 'Laufhose', sizes: ['XL'], colors: ['blau'] });
    expect(ofType('PRODUCT_CLICK')).toMatchObject([{ productId, placement: 'SEARCH' }]);
    expect(ofType('PRODUCT_VIEW')).toMatchObject([{ productId }]);
    expect(ofType('ADD_TO_CART')).toMatchObject([{ productId, sku }]);
    const impressions = ofType('IMPRESSION');
    expect(impressions.length).toBeGreaterThan(0);
    for (const impression of impressions) expect(impression.placement).toBe('SEARCH');
    expect(impressions.flatMap((impression) => impression.productIds ?? [])).toContain(productId);

    const { data, errors } = await journey.query<{
      visitor: {
        preferences: { sizes: { value: string }[]; colors: { value: string }[] };
        lastSearch: { query: string; sizes: string[]; colors: string[] };
        recentlyViewed: { id: string }[];
      };
    }>(
      `query ($id: ID!) {
        visitor(id: $id) {
          preferences { sizes { value } colors { value } }
          lastSearch { query sizes colors }
          recentlyViewed { id }
        }
      }`,
      { id: visitorId },
    );
    expect(errors).toBeUndefined();
    expect(data?.visitor.preferences.sizes[0]?.value).toBe('XL');
    expect(data?.visitor.preferences.colors[0]?.value).toBe('blau');
    expect(data?.visitor.lastSearch).toEqual({ query: 'Laufhose', sizes: ['XL'], colors: ['blau'] });
    expect(data?.visitor.recentlyViewed.map((product) => product.id)).toEqual([productId]);
    expect(pageOutput).toEqual([]);
  });

  it('sends nothing before consent(true), then the held events with the consent, across origins', async () => {
    const page = await context.newPage();
    const sent = trackerRequests(page);
    await page.goto(`${shop.origin}/consent`);
    await trackerLoaded(page);
    await track(page, 'ADD_TO_CART', { productId: 'JG-00001' });
    await flush(page);

    expect(sent).toEqual([]);
    expect(await visitorIdOf(page)).toBeNull();
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as TrackerWindow).localStorage.getItem('journeygraph.visit'),
      ),
    ).toBeNull();

    const collected = page.waitForResponse((response) => isCollect(response.request()));
    await consent(page, true);
    const response = await collected;
    expect(response.status()).toBe(204);
    const body = bodyOf(response.request());
    expect(body.consent).toEqual({ tracking: true });
    // PAGE_VIEW on load, the call queued in the array before the script ran, then the one after.
    expect(body.events.map((event) => event.type)).toEqual(['PAGE_VIEW', 'PRODUCT_VIEW', 'ADD_TO_CART']);

    const visitorId = (await visitorIdOf(page)) as string;
    const stored = await journey.profile.store.eventsOf(visitorId);
    expect(stored.map((event) => event.type)).toEqual(['PAGE_VIEW', 'PRODUCT_VIEW', 'ADD_TO_CART']);
    const { data } = await journey.query<{ visitor: { consent: { tracking: boolean | null } } }>(
      `query ($id: ID!) { visitor(id: $id) { consent { tracking } } }`,
      { id: visitorId },
    );
    expect(data?.visitor.consent.tracking).toBe(true);
  });

  it('discards the held events when the visitor declines', async () => {
    const page = await context.newPage();
    const sent = trackerRequests(page);
    await page.goto(`${shop.origin}/consent`);
    await trackerLoaded(page);
    await consent(page, false);
    await track(page, 'PRODUCT_VIEW', { productId: 'JG-00002' });
    await flush(page);
    expect(sent).toEqual([]);
    expect(await visitorIdOf(page)).toBeNull();

    // Agreeing later sends the consent, and none of what was recorded before or while declined.
    const collected = page.waitForResponse((response) => isCollect(response.request()));
    await consent(page, true);
    const body = bodyOf((await collected).request());
    expect(body).toMatchObject({ events: [], consent: { tracking: true } });
  });

  it('hands what is left to sendBeacon when the page is left', async () => {
    const page = await context.newPage();
    await page.goto(`${shop.origin}/plain`);
    await trackerLoaded(page);
    await flush(page);
    const visitorId = (await visitorIdOf(page)) as string;
    await track(page, 'PURCHASE', { productId: 'JG-00003' });
    // Leaving long before the flush timer: only the pagehide beacon can deliver the purchase.
    // Playwright does not report a beacon sent by a document being unloaded, so the store is
    // watched instead.
    await page.goto(`${shop.origin}/blank`);
    await expect
      .poll(async () => (await journey.profile.store.eventsOf(visitorId)).map((event) => event.type), {
        timeout: 5_000,
      })
      .toEqual(['PAGE_VIEW', 'PURCHASE']);
  });

  it('starts a new visit once when /collect refuses the stored token, and resends the events', async () => {
    const page = await context.newPage();
    await page.goto(`${shop.origin}/blank`);
    await page.evaluate(() =>
      (globalThis as unknown as TrackerWindow).localStorage.setItem(
        'journeygraph.visit',
        JSON.stringify({ visitorId: 'v-forged', token: 'not-a-token' }),
      ),
    );
    const refused = page.waitForResponse(
      (response) => isCollect(response.request()) && response.status() === 401,
    );
    const accepted = page.waitForResponse(
      (response) => isCollect(response.request()) && response.status() === 204,
    );
    await page.goto(`${shop.origin}/plain`);
    await trackerLoaded(page);
    await flush(page);
    await refused;
    const resent = bodyOf((await accepted).request());
    expect(resent.events.map((event) => event.type)).toEqual(['PAGE_VIEW']);

    const visitorId = (await visitorIdOf(page)) as string;
    expect(visitorId).not.toBe('v-forged');
    expect(
      JSON.parse(
        (await page.evaluate(() =>
          (globalThis as unknown as TrackerWindow).localStorage.getItem('journeygraph.visit'),
        )) ?? 'null',
      ),
    ).toMatchObject({ visitorId });
    expect((await journey.profile.store.eventsOf(visitorId)).map((event) => event.type)).toEqual([
      'PAGE_VIEW',
    ]);
  });

  it('splits what it holds into batches of at most 64 KiB', async () => {
    const page = await context.newPage();
    const sent = trackerRequests(page);
    await page.goto(`${shop.origin}/consent`);
    await trackerLoaded(page);
    // 100 ids of 60 characters an event: about 6.4 KB each, 20 of them would be 128 KB.
    const productIds = Array.from({ length: 100 }, (_, index) => `${'x'.repeat(56)}${1000 + index}`);
    await page.evaluate((productIds) => {
      const { journeygraph } = globalThis as unknown as TrackerWindow;
      for (let index = 0; index < 60; index += 1)
        journeygraph.track('IMPRESSION', { productIds, placement: 'HOME' });
    }, productIds);
    await consent(page, true);
    await flush(page);

    const batches = sent.filter(isCollect);
    expect(batches.length).toBeGreaterThan(3);
    for (const request of batches)
      expect(Buffer.byteLength(request.postData() ?? '')).toBeLessThanOrEqual(65_536);
    const impressions = batches
      .flatMap((request) => bodyOf(request).events)
      .filter((event) => event.type === 'IMPRESSION');
    expect(impressions).toHaveLength(60);
  });
});
