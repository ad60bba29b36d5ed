import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/**
 * Runs a mutation inside an auditor event: denied and failed attempts are recorded too. `request` is the
 * HTTP request of a route; a portal action has none and names its caller in `meta`.
 */
export async function audited<T>(
  auditor: AuditorService,
  request: Request | undefined,
  event: { eventId: string; meta?: JsonObject },
  mutation: () => Promise<T>,
): Promise<T> {
  const auditorEvent = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: 'medium',
    request,
    meta: event.meta,
  });
  try {
    const result = await mutation();
    await auditorEvent.success();
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}
