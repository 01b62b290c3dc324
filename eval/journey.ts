import type { Placement } from '../shared/touchpoints.js';
import type { GatewayClient } from './client.js';
import type { PlayedRun, ShownList, ShownProduct } from './observations.js';
import * as operations from './operations.js';
import type { Popularity } from './popularity.js';
import type { Population, SyntheticVisitor } from './population.js';
import { Random } from './random.js';
import { clickProbability } from './reaction.js';
import { waitUntil } from './wait.js';

/** What every journey of one run shares. */
export interface JourneyPlayer {
  client: GatewayClient;
  population: Population;
  popularity: Popularity;
  seed: number;
  /** Where the journeys record what they were shown. */
  run: PlayedRun;
}

type VisitorEvent = Record<string, unknown> & { type: string };

/** How many recommendations the home page shows: the hit-rate is measured at 10. */
const homeListLength = 10;

/**
 * Plays one synthetic visitor through the gateway: per planned step a filtered search, the home
 * page's list before the next click, the click, the product page's alternatives, and for some
 * steps cart and purchase; at the end the weekly newsletter. Every list shown is recorded, and
 * the visitor reacts to every recommended list (impressions, and clicks by hidden taste and appeal).
 */
export async function playJourney(visitor: SyntheticVisitor, player: JourneyPlayer): Promise<void> {
  const { client, run, popularity } = player;
  const { taste } = visitor;
  const { startVisit } = await client.request<operations.StartVisitData>(operations.startVisit);
  const id = startVisit.visitorId;
  // Its own stream: what the visitor clicks in lists never shifts the planned journey.
  const reactions = new Random(player.seed, 'reactions', visitor.index);
  const bought: string[] = [];

  // What the visitor did reaches the shop before the next page asks for anything, in one call.
  const pending: VisitorEvent[] = [];
  const send = async () => {
    if (pending.length === 0) return;
    const events = pending.splice(0).map((event) => ({ visitorId: id, ...event }));
    const { track } = await client.request<operations.TrackData>(operations.track, { events });
    if (track.rejected.length > 0)
      throw new Error(`events of visitor ${visitor.index} rejected: ${JSON.stringify(track.rejected)}`);
  };
  const ask = async <TData>(operation: string, variables: Record<string, unknown>): Promise<TData> => {
    await send();
    return client.request<TData>(operation, { id, ...variables });
  };

  const record = (
    source: ShownList['source'],
    placement: Placement,
    products: ShownProduct[],
    context: { anchor?: string; filterColor?: string } = {},
  ): ShownProduct[] => {
    run.lists.push({
      visitor: visitor.index,
      source,
      placement,
      anchor: context.anchor ?? null,
      size: taste.size,
      bought: [...bought],
      filterColor: context.filterColor ?? null,
      products,
    });
    return products;
  };

  /** The impression of a recommended list and the visitor's clicks in it. */
  const react = (placement: Placement, products: ShownProduct[]): VisitorEvent[] => {
    if (products.length === 0) return [];
    run.impressions += products.length;
    const events: VisitorEvent[] = [
      { type: 'IMPRESSION', placement, productIds: products.map((product) => product.id) },
    ];
    for (const [position, product] of products.entries()) {
      const appeal = player.population.appeal.get(product.id) ?? 0;
      if (!reactions.chance(clickProbability(taste, product, appeal, position))) continue;
      events.push({ type: 'RECOMMENDATION_CLICK', placement, productId: product.id });
      run.recommendationClicks += 1;
      popularity.click(product.id);
    }
    return events;
  };

  const recommendationsNextTo = async (placement: Placement, productId: string) => {
    const { visitor: answer } = await ask<operations.RecommendationsData>(operations.recommendationsNextTo, {
      placement,
      productId,
    });
    return answer.recommendations.map(({ product }) => product);
  };

  for (const step of visitor.steps) {
    const input = { filters: { categories: [step.category], sizes: [taste.size], colors: [step.color] } };
    pending.push({ type: 'FILTER', search: input });
    const popular = popularity.top(homeListLength);
    const { visitor: page } = await ask<operations.SearchAndHomeData>(operations.searchAndHome, {
      // The first places are all the own-brand measure looks at.
      input: { ...input, first: homeListLength },
      limit: homeListLength,
    });
    record('search', 'SEARCH', page.search.items);
    const home = record(
      'recommendations',
      'HOME',
      page.recommendations.map(({ product }) => product),
    );
    run.nextClicks.push({ clicked: step.productId, recommended: home.map((product) => product.id), popular });
    pending.push(
      ...react('HOME', home),
      { type: 'PRODUCT_CLICK', placement: 'SEARCH', productId: step.productId },
      { type: 'PRODUCT_VIEW', productId: step.productId },
    );
    popularity.click(step.productId);

    const alternatives = await recommendationsNextTo('PRODUCT_DETAIL', step.productId);
    record('recommendations', 'PRODUCT_DETAIL', alternatives, {
      anchor: step.productId,
      filterColor: step.color,
    });
    pending.push(...react('PRODUCT_DETAIL', alternatives));
    if (!step.buys) continue;

    pending.push({ type: 'ADD_TO_CART', productId: step.productId, sku: step.sku });
    const complements = await recommendationsNextTo('CART', step.productId);
    record('recommendations', 'CART', complements, { anchor: step.productId });
    pending.push(...react('CART', complements), {
      type: 'PURCHASE',
      productId: step.productId,
      sku: step.sku,
    });
    await send();
    bought.push(step.productId);
    await waitUntil(async () => {
      const { visitor: answer } = await ask<operations.PurchasedData>(operations.purchased, {});
      return answer.purchased.some((product) => product.id === step.productId);
    }, `the profile lists visitor ${visitor.index}'s purchase of ${step.productId}`);
  }

  const { visitor: mail } = await ask<operations.NewsletterData>(operations.newsletter, {});
  record('newsletter', 'NEWSLETTER', mail.newsletter.products);
}
