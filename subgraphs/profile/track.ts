import { requireScope } from '../../shared/auth/authorize.js';
import { forbidden } from '../../shared/auth/errors.js';
import { badUserInput } from '../../shared/graphql/errors.js';
import type { ProfileContext } from './context.js';
import {
  EventRejected,
  limits,
  type TouchpointEvent,
  type TrackEventInput,
  validateEvent,
} from './events.js';

export interface TrackResult {
  accepted: number;
  rejected: { index: number; reason: string }[];
}

/** A visitor token sends its own visitor's events only; an API key needs events:write. */
function authorizeTrack(events: readonly TrackEventInput[], context: ProfileContext): void {
  const { caller } = context;
  if (caller.kind === 'visitor') {
    const foreign = events.findIndex((event) => event.visitorId !== caller.visitorId);
    if (foreign !== -1) {
      throw forbidden(
        `events[${foreign}] is for another visitor: a visitor token may send its own events only`,
      );
    }
    return;
  }
  requireScope(caller, 'events:write');
}

/**
 * Hands the stored events to the other services. They are stored already, and the profile is
 * derived from them; a stream that cannot take them now is logged, not reported as a failed
 * `track` (the client would resend events that are safely stored).
 */
async function publishToStream(
  events: readonly TouchpointEvent[],
  { services }: ProfileContext,
): Promise<void> {
  try {
    await services.events.append(
      events.map((event) => ({
        id: event.id,
        visitorId: event.visitorId,
        type: event.type,
        at: event.at.toISOString(),
        productId: event.productId,
        sku: event.sku,
        productIds: event.productIds,
        placement: event.placement,
        campaignId: event.campaignId,
      })),
    );
  } catch (error) {
    services.logger.error({ error, events: events.length }, 'stored events could not be streamed');
  }
}

/**
 * Validates each event, stores the valid ones with the profile changes they imply (together with
 * concurrent calls' ones, see `EventRecorder`), and lists the others with their reasons. Resolves
 * only once the store has acknowledged the write.
 */
export async function trackEvents(
  events: readonly TrackEventInput[],
  context: ProfileContext,
): Promise<TrackResult> {
  if (events.length > limits.eventsPerCall) {
    throw badUserInput(
      `events holds ${events.length} events, at most ${limits.eventsPerCall} are taken per call`,
      'events',
    );
  }
  authorizeTrack(events, context);
  const { services, loaders } = context;
  // Visitors who said no to tracking: their events are refused.
  const refused = await services.store.declinedTracking(events.map((event) => event.visitorId));
  const validation = {
    products: services.catalog,
    vocabulary: services.vocabulary,
    now: services.now(),
    maxClockSkewMs: services.config.maxClockSkewSeconds * 1_000,
    maxAgeMs: services.config.eventRetentionDays * 86_400_000,
  };
  const accepted: TouchpointEvent[] = [];
  const rejected: TrackResult['rejected'] = [];
  events.forEach((input, index) => {
    try {
      if (refused.has(input.visitorId))
        throw new EventRejected(`visitor ${input.visitorId} has declined tracking`);
      accepted.push(validateEvent(input, validation));
    } catch (error) {
      if (!(error instanceof EventRejected)) throw error;
      rejected.push({ index, reason: error.message });
    }
  });
  if (accepted.length > 0) await services.recorder.submit(accepted);
  const changed = [...new Set(accepted.map((event) => event.visitorId))];
  for (const visitorId of changed) loaders.visitor.clear(visitorId);
  await Promise.all(changed.map((visitorId) => services.changes.publish(visitorId)));
  await publishToStream(accepted, context);
  return { accepted: accepted.length, rejected };
}
