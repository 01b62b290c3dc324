/** The GraphQL operations synthetic visitors send through the gateway, and their answers. */
import type { ShownProduct } from './observations.js';

const shownProduct = 'id category brand ownBrand variants { size color stock }';

export const startVisit = `mutation StartVisit {
  startVisit(consent: { tracking: true, newsletter: true }) { visitorId token }
}`;
export interface StartVisitData {
  startVisit: { visitorId: string };
}

export const track = `mutation Track($events: [TrackEventInput!]!) {
  track(events: $events) { accepted rejected { index reason } }
}`;
export interface TrackData {
  track: { accepted: number; rejected: { index: number; reason: string }[] };
}

/** The filtered search's first page, and the home page's list before the visitor's next click. */
export const searchAndHome = `query SearchAndHome($id: ID!, $input: SearchInput!, $limit: Int!) {
  visitor(id: $id) {
    search(input: $input) { items { ${shownProduct} } }
    recommendations(placement: HOME, limit: $limit) { product { ${shownProduct} } }
  }
}`;
export interface SearchAndHomeData {
  visitor: { search: { items: ShownProduct[] }; recommendations: { product: ShownProduct }[] };
}

export const recommendationsNextTo = `query RecommendationsNextTo($id: ID!, $placement: Placement!, $productId: ID!) {
  visitor(id: $id) {
    recommendations(placement: $placement, productId: $productId) { product { ${shownProduct} } }
  }
}`;
export interface RecommendationsData {
  visitor: { recommendations: { product: ShownProduct }[] };
}

export const newsletter = `query Newsletter($id: ID!) {
  visitor(id: $id) { newsletter(campaignId: "weekly") { products { ${shownProduct} } } }
}`;
export interface NewsletterData {
  visitor: { newsletter: { products: ShownProduct[] } };
}

export const purchased = `query Purchased($id: ID!) { visitor(id: $id) { purchased { id } } }`;
export interface PurchasedData {
  visitor: { purchased: { id: string }[] };
}
