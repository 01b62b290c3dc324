/*
 * journeygraph tracker. A shop adds one line,
 *   <script src="https://GATEWAY/tracker.js" async></script>
 * and the visitor's touchpoints flow in batches to the gateway's POST /collect.
 *
 * Markup it reads:
 *   [data-jg-list] [data-jg-product=ID]  items of a product list: IMPRESSION once half visible,
 *       batched per list with the list's data-jg-placement (default SEARCH); a click is a
 *       PRODUCT_CLICK, or a RECOMMENDATION_CLICK in a list placed elsewhere than SEARCH or marked
 *       data-jg-list="recommendations"
 *   [data-jg-product-view][data-jg-product=ID]  PRODUCT_VIEW while in the page, also when rendered
 *       later or switched to another product: a MutationObserver watches, so a single-page shop
 *       needs no call
 *   [data-jg-add-to-cart] / [data-jg-purchase] with data-jg-product, data-jg-sku  on click
 *   form[data-jg-search]  SEARCH on submit: query from the field named q, filters from checked
 *       inputs and selected options marked data-jg-filter="sizes|colors|brands|categories"
 *       (or "priceMin|priceMax")
 * Script attributes: data-require-consent="true" (nothing is sent before consent(true): events
 * wait in memory, at most 100; consent(false) discards them), data-debug="true" (logs).
 * First-party localStorage: journeygraph.visit (visitor id + token), journeygraph.consent (the
 * last decision, so the next page need not ask), journeygraph.unsent (events a closing page could
 * not send, sent by the next page).
 * API: journeygraph.track(type, data), .consent(granted), .flush() → Promise, .visitorId();
 * calls pushed before the script ran, journeygraph.push(['track', type, data]), are replayed.
 */
(() => {
  'use strict';

  const pending = window.journeygraph;
  // Included twice: the first copy tracks, a second would count every event again.
  if (pending && !Array.isArray(pending)) return;

  const script = document.currentScript || document.querySelector('script[src*="tracker.js"]');
  const option = (name) => script !== null && script.getAttribute(`data-${name}`) === 'true';
  const debug = option('debug');
  const gateway = new URL(script ? script.src : '/', location.href).origin;

  const flushDelayMs = 1_000;
  const batchEvents = 20;
  // sendBeacon and keepalive fetch refuse bodies beyond 64 KiB; the budget leaves room for the
  // largest token /collect takes (2,000 characters), as a 401 retry resends with a new one.
  const batchBudgetBytes = 64 * 1024 - 2_100;
  const heldEvents = 100; // kept in memory while waiting for consent
  const queueLimit = 500; // kept for retries while the gateway cannot be reached
  const visitKey = 'journeygraph.visit';
  const consentKey = 'journeygraph.consent';
  const unsentKey = 'journeygraph.unsent';
  const eventTypes = (
    'PAGE_VIEW PRODUCT_VIEW PRODUCT_CLICK SEARCH FILTER ADD_TO_CART PURCHASE IMPRESSION ' +
    'RECOMMENDATION_CLICK NEWSLETTER_OPEN NEWSLETTER_CLICK'
  ).split(' ');
  const placements = ['HOME', 'PRODUCT_DETAIL', 'CART', 'SEARCH', 'NEWSLETTER'];
  const filterLists = ['sizes', 'colors', 'brands', 'categories'];

  const log = (...args) => {
    if (debug) console.debug('[journeygraph]', ...args);
  };
  // Tracking must never break the shop: every entry point swallows its errors.
  const attempt = (fn, fallback) => {
    try {
      return fn();
    } catch (error) {
      log('error', error);
      return fallback;
    }
  };
  const guard =
    (fn) =>
    (...args) =>
      attempt(() => fn(...args));
  // localStorage throws where it is disabled or the origin is opaque; then the visit lasts a page.
  const load = (key) => attempt(() => JSON.parse(localStorage.getItem(key) || 'null'), null);
  const save = (key, value) => attempt(() => localStorage.setItem(key, JSON.stringify(value)));
  const remove = (key) => attempt(() => localStorage.removeItem(key));

  let visit = load(visitKey);
  if (!visit || typeof visit.token !== 'string' || typeof visit.visitorId !== 'string') visit = null;
  const storedConsent = load(consentKey);
  // true: may send; null: waiting for consent(true); false: declined, nothing is recorded.
  let consent =
    storedConsent === false ? false : storedConsent === true || !option('require-consent') || null;
  let consentToRecord = null; // a decision the profile has not heard of yet
  let queue = [];
  let sending = Promise.resolve();
  let timer = 0;
  let failures = 0;
  let starting = null;
  const impressions = new Map(); // list element → { placement, productIds, at }
  const impressed = new WeakMap(); // item element → product id counted
  const viewed = new WeakMap(); // product-view element → product id counted

  // The shapes /collect takes: one invalid field would make it refuse the whole batch.
  const id = (value) => {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return text !== '' && text.length <= 64 ? text : undefined;
  };
  const ids = (values, limit) => {
    const list = Array.isArray(values) ? values.map(id).filter(Boolean).slice(0, limit) : [];
    return list.length > 0 ? list : undefined;
  };
  const searchOf = (search) => {
    if (!search || typeof search !== 'object') return undefined;
    const given = search.filters || {};
    const filters = {};
    for (const name of filterLists) if (ids(given[name], 20)) filters[name] = ids(given[name], 20);
    for (const name of ['priceMin', 'priceMax']) {
      const price = given[name] === '' || given[name] == null ? NaN : Number(given[name]);
      if (price >= 0 && Number.isFinite(price)) filters[name] = price;
    }
    const query = typeof search.query === 'string' ? search.query.trim().slice(0, 200) : '';
    return { ...(query ? { query } : {}), ...(Object.keys(filters).length ? { filters } : {}) };
  };
  const eventOf = (type, data = {}) => {
    const name = String(type).toUpperCase();
    if (!eventTypes.includes(name)) return log('unknown event type', type);
    const fields = {
      productId: id(data.productId),
      sku: id(data.sku),
      productIds: ids(data.productIds, 100),
      search: searchOf(data.search),
      campaignId: id(data.campaignId),
      placement: placements.includes(data.placement) ? data.placement : undefined,
    };
    const event = { type: name, at: new Date().toISOString() };
    for (const [field, value] of Object.entries(fields)) if (value !== undefined) event[field] = value;
    return event;
  };

  const enqueue = (event) => {
    queue.push(event);
    const limit = consent === true ? queueLimit : heldEvents;
    if (queue.length > limit) queue = queue.slice(-limit);
  };
  const schedule = (delayMs = flushDelayMs) => {
    if (!timer) timer = setTimeout(() => ((timer = 0), flush()), delayMs);
  };
  const record = (event) => {
    if (!event || consent === false) return;
    enqueue(event);
    if (consent !== true) return;
    if (queue.length >= batchEvents) flush();
    else schedule();
  };

  const placementOf = (list) => {
    const placement = list.getAttribute('data-jg-placement');
    return placements.includes(placement) ? placement : 'SEARCH';
  };
  const impress = (item) => {
    const list = item.closest('[data-jg-list]');
    const productId = id(item.getAttribute('data-jg-product'));
    if (!list || !productId || impressed.get(item) === productId || consent === false) return;
    impressed.set(item, productId);
    let batch = impressions.get(list);
    if (!batch) {
      batch = { placement: placementOf(list), productIds: [], at: new Date().toISOString() };
      impressions.set(list, batch);
    }
    if (!batch.productIds.includes(productId)) batch.productIds.push(productId);
    if (consent === true) schedule();
  };
  const drainImpressions = () => {
    const batches = [...impressions.values()];
    impressions.clear();
    for (const { placement, productIds, at } of batches)
      for (let start = 0; start < productIds.length; start += 100)
        enqueue({ type: 'IMPRESSION', at, placement, productIds: productIds.slice(start, start + 100) });
  };

  // text/plain keeps the request "simple": no CORS preflight before each batch.
  const headers = { 'content-type': 'text/plain' };
  const post = (path, body) => fetch(gateway + path, { method: 'POST', keepalive: true, body, headers });
  const bodyOf = (token, events, recorded) =>
    JSON.stringify({ token, events, ...(recorded === null ? {} : { consent: { tracking: recorded } }) });
  const sizeOf = (text) => new Blob([text]).size;
  const batchesOf = (events) => {
    const batches = [];
    let batch = [];
    let bytes = 0;
    for (const event of events) {
      const eventBytes = sizeOf(JSON.stringify(event)) + 1;
      if (batch.length >= batchEvents || (batch.length > 0 && bytes + eventBytes > batchBudgetBytes)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(event);
      bytes += eventBytes;
    }
    if (batch.length > 0 || batches.length === 0) batches.push(batch);
    return batches;
  };

  const startVisit = () => {
    starting ||= post('/visit', '{}')
      .then(async (response) => {
        if (!response.ok) throw new Error(`/visit answered ${response.status}`);
        const { visitorId, token } = await response.json();
        if (consent === false) throw new Error('the visitor declined while the visit started');
        visit = { visitorId, token };
        save(visitKey, visit);
        return visit;
      })
      .finally(() => (starting = null));
    return starting;
  };
  const forgetVisit = (expired) => {
    if (visit !== expired) return;
    visit = null;
    remove(visitKey);
  };

  // Sends one batch; a token the gateway refuses (expired, or from another deployment) gets one
  // new visit. Throws only where a later retry may succeed.
  const sendBatch = async (events, recorded) => {
    for (let attempt = 1; ; attempt += 1) {
      const current = visit || (await startVisit());
      const response = await post('/collect', bodyOf(current.token, events, recorded));
      if (response.status === 401 && attempt === 1) {
        log('token refused, starting a new visit');
        forgetVisit(current);
      } else if (response.status === 429 || response.status >= 500) {
        throw new Error(`/collect answered ${response.status}`);
      } else {
        if (response.status !== 204) log('/collect answered', response.status, await response.text());
        return;
      }
    }
  };
  const deliver = async ({ events, recorded }) => {
    const batches = batchesOf(events);
    for (let index = 0; index < batches.length; index += 1) {
      try {
        await sendBatch(batches[index], index === 0 ? recorded : null);
      } catch (error) {
        log('sending failed, will retry', error);
        if (consent !== true) return;
        queue = batches.slice(index).flat().concat(queue).slice(-queueLimit);
        if (index === 0 && consentToRecord === null) consentToRecord = recorded;
        failures += 1;
        schedule(Math.min(60_000, flushDelayMs * 2 ** failures));
        return;
      }
    }
    failures = 0;
  };

  // What may go out now: the queued events and a consent decision not yet sent; null if nothing.
  const take = () => {
    clearTimeout(timer);
    timer = 0;
    drainImpressions();
    if (consent !== true || (queue.length === 0 && consentToRecord === null)) return null;
    const taken = { events: queue, recorded: consentToRecord };
    queue = [];
    consentToRecord = null;
    return taken;
  };
  function flush() {
    const taken = take();
    // One request at a time: events arrive in order, and a refused token starts one visit only.
    if (taken) sending = sending.then(() => deliver(taken)).catch((error) => log('error', error));
    return sending;
  }
  // The page may be going away: hand what is left to the browser, which sends it after unload.
  const flushOnHide = guard(() => {
    const taken = take();
    const unsent = [];
    batchesOf(taken ? taken.events : []).forEach((batch, index) => {
      const body = visit && bodyOf(visit.token, batch, index === 0 ? taken.recorded : null);
      if (!body || !navigator.sendBeacon(`${gateway}/collect`, new Blob([body], { type: 'text/plain' })))
        unsent.push(...batch);
    });
    // No visit yet (the page closed while it started) or the browser's beacon quota is spent:
    // the next page of the shop sends them.
    if (unsent.length > 0) save(unsentKey, (load(unsentKey) || []).concat(unsent).slice(-heldEvents));
  });

  const view = (element) => {
    const productId = id(element.getAttribute('data-jg-product'));
    if (!productId || viewed.get(element) === productId) return;
    viewed.set(element, productId);
    record(eventOf('PRODUCT_VIEW', { productId }));
  };
  const observer = new IntersectionObserver(
    guard((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting || entry.intersectionRatio < 0.5) continue;
        impress(entry.target);
        observer.unobserve(entry.target);
      }
    }),
    { threshold: 0.5 },
  );
  const scan = (root) => {
    if (!(root instanceof Element)) return;
    const each = (selector, fn) => {
      if (root.matches(selector)) fn(root);
      root.querySelectorAll(selector).forEach(fn);
    };
    each('[data-jg-list] [data-jg-product]', (item) => observer.observe(item));
    each('[data-jg-product-view][data-jg-product]', view);
  };

  const onClick = guard((event) => {
    const target = event.target instanceof Element ? event.target : null;
    const action = target && target.closest('[data-jg-add-to-cart], [data-jg-purchase]');
    if (action) {
      const holder = action.closest('[data-jg-product]');
      const sku = action.getAttribute('data-jg-sku') || (holder && holder.getAttribute('data-jg-sku'));
      const type = action.hasAttribute('data-jg-add-to-cart') ? 'ADD_TO_CART' : 'PURCHASE';
      return record(eventOf(type, { productId: holder && holder.getAttribute('data-jg-product'), sku }));
    }
    const item = target && target.closest('[data-jg-list] [data-jg-product]');
    if (!item) return;
    const list = item.closest('[data-jg-list]');
    const placement = placementOf(list);
    const recommended =
      list.getAttribute('data-jg-list') === 'recommendations' ||
      (list.hasAttribute('data-jg-placement') && placement !== 'SEARCH');
    const type = recommended ? 'RECOMMENDATION_CLICK' : 'PRODUCT_CLICK';
    impress(item); // a clicked item was shown, whatever the observer has reported so far
    record(eventOf(type, { productId: item.getAttribute('data-jg-product'), placement }));
  });
  const onSubmit = guard((event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches('form[data-jg-search]')) return;
    const filters = {};
    const add = (name, value) => {
      if (filterLists.includes(name)) (filters[name] ||= []).push(value);
      else if (name === 'priceMin' || name === 'priceMax') filters[name] = value;
    };
    for (const control of form.elements) {
      if (control instanceof HTMLSelectElement) {
        for (const option of control.selectedOptions)
          add(option.getAttribute('data-jg-filter') || control.getAttribute('data-jg-filter'), option.value);
      } else if (control.hasAttribute('data-jg-filter') && control.value !== '') {
        if (!['checkbox', 'radio'].includes(control.type) || control.checked)
          add(control.getAttribute('data-jg-filter'), control.value);
      }
    }
    const query = form.elements.namedItem('q');
    record(eventOf('SEARCH', { search: { query: query ? query.value : '', filters } }));
  });

  const api = {
    track: guard((type, data) => record(eventOf(type, data || {}))),
    consent: guard((granted) => {
      consent = granted === true;
      save(consentKey, consent);
      if (consent) {
        consentToRecord = true;
        flush();
        return;
      }
      queue = [];
      impressions.clear();
      // A visit the profile knows learns of the decline, so it refuses that visitor's events;
      // then the id is forgotten here.
      if (visit) post('/collect', bodyOf(visit.token, [], false)).catch((error) => log('error', error));
      forgetVisit(visit);
    }),
    flush: () => attempt(flush, sending).then(() => undefined),
    visitorId: () => (visit ? visit.visitorId : null),
    push: guard((call) => {
      const [name, ...args] = Array.from(call);
      if (name !== 'push' && typeof api[name] === 'function') api[name](...args);
    }),
  };

  guard(() => {
    const unsent = load(unsentKey);
    remove(unsentKey);
    if (consent === true && Array.isArray(unsent))
      unsent.filter((event) => event && eventTypes.includes(event.type)).forEach(enqueue);
    record(eventOf('PAGE_VIEW'));
    window.journeygraph = api;
    if (Array.isArray(pending)) pending.forEach((call) => api.push(call));
    // Started now rather than at the first flush, so that a page left quickly has a token for
    // its beacon.
    if (consent === true && !visit) startVisit().catch((error) => log('error', error));

    document.addEventListener('click', onClick, true);
    document.addEventListener('submit', onSubmit, true);
    const onHidden = () => document.visibilityState === 'hidden' && flushOnHide();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', flushOnHide);
    const watch = guard(() => {
      scan(document.documentElement);
      new MutationObserver(
        guard((mutations) => {
          for (const mutation of mutations)
            if (mutation.type === 'attributes') scan(mutation.target);
            else mutation.addedNodes.forEach(scan);
        }),
      ).observe(document.documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-jg-product', 'data-jg-product-view'],
      });
    });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
    else watch();
  })();
})();
