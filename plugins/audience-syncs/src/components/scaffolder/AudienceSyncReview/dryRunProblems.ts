import { serverMessage, statusOf } from '../../shared/errorMessages';
import { parseFieldErrors } from '../../shared/parseFieldErrors';

/** The builder's names for the fields of a create request, as the server's problems name them. */
const FIELD_LABELS: Record<string, string> = {
  audienceId: 'Audience',
  destinationId: 'Destination',
  object: 'Destination object',
  mode: 'Sync mode',
  identifier: 'Identifier mapping',
  fieldMappings: 'Field mappings',
  schedule: 'Schedule',
  owner: 'Owner',
};

function labelOf(field: string): string {
  const row = /^fieldMappings\[(\d+)\]/.exec(field);
  if (row) {
    return `Field mapping ${Number(row[1]) + 1}`;
  }
  return FIELD_LABELS[field.split(/[.[]/)[0]] ?? field;
}

/**
 * Why the server refused a dry run, one line per problem: a 400 names each field (`schedule.cron: …`), shown
 * under the builder's name for it (`Schedule: …`); any other failure is one line with the server's message.
 */
export function dryRunProblems(error: unknown): string[] {
  if (statusOf(error) !== 400) {
    return [serverMessage(error)];
  }
  return parseFieldErrors(serverMessage(error)).map(({ field, message }) =>
    field ? `${labelOf(field)}: ${message}` : message,
  );
}
