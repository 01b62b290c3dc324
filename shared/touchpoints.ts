/**
 * The vocabulary every touchpoint shares: what a visitor can do, and where a list of products
 * is shown. Mirrors the `EventType` and `Placement` enums of the schemas.
 */
export const eventTypes = [
  'PAGE_VIEW',
  'PRODUCT_VIEW',
  'PRODUCT_CLICK',
  'SEARCH',
  'FILTER',
  'ADD_TO_CART',
  'PURCHASE',
  'IMPRESSION',
  'RECOMMENDATION_CLICK',
  'NEWSLETTER_OPEN',
  'NEWSLETTER_CLICK',
] as const;
export type EventType = (typeof eventTypes)[number];

export const placements = ['HOME', 'PRODUCT_DETAIL', 'CART', 'SEARCH', 'NEWSLETTER'] as const;
export type Placement = (typeof placements)[number];
