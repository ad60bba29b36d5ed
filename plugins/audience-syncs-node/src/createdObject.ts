import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DestinationError } from './connectors';

/**
 * The object a vendor says it created: its id as text, and its name (the one asked for when the answer
 * gives none). An answer without an id is the vendor's fault, not a success: no sync could fill the
 * object, so it fails for good, saying what the `service` did not say.
 *
 * @public
 */
export function createdObject(
  created: { id?: unknown; name?: unknown } | undefined,
  asked: { name: string; service: string; object: string },
): DestinationObject {
  const id = created?.id;
  if (id === undefined || id === null || id === '') {
    throw new DestinationError({
      message: `${asked.service} created the ${asked.object} but did not say its id`,
      code: 'unexpected_response',
      retryable: false,
    });
  }
  const name = created?.name;
  return { id: String(id), name: typeof name === 'string' ? name : asked.name };
}
