import { z } from 'zod';
import { eventTypes, placements } from '../../shared/touchpoints.js';

const id = z.string().min(1).max(64);
const values = z.array(z.string().min(1).max(64)).max(20);

/** One event as the tracker sends it; the visitor comes from the token. */
const collectedEvent = z
  .object({
    type: z.enum(eventTypes, { error: `is not one of ${eventTypes.join(', ')}` }),
    visitorId: id.optional(),
    at: z.iso.datetime({ offset: true, error: 'is not an ISO 8601 time with a zone' }).optional(),
    productId: id.optional(),
    sku: id.optional(),
    productIds: z.array(id).min(1).max(100).optional(),
    search: z
      .object({
        query: z.string().max(200).optional(),
        filters: z
          .object({
            sizes: values.optional(),
            colors: values.optional(),
            brands: values.optional(),
            categories: values.optional(),
            priceMin: z.number().min(0).optional(),
            priceMax: z.number().min(0).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    campaignId: id.optional(),
    placement: z.enum(placements).optional(),
  })
  .strict();

export const collectBodySchema = z
  .object({
    token: z.string().max(2_000).optional(),
    events: z.array(collectedEvent).max(1_000).default([]),
    consent: z
      .object({ tracking: z.boolean().optional(), newsletter: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type CollectBody = z.output<typeof collectBodySchema>;

/** Every problem of a body in one line: `events.3.type: is not one of …`. */
export function describeBodyProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
