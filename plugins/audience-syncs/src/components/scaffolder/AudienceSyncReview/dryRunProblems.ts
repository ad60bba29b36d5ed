import { parseFieldPath } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { syncProblemsOf } from '../../../api';
import { serverMessage } from '../../common/errorMessages';

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

function labelOf(field: string): string | undefined {
  const [top, row] = parseFieldPath(field);
  if (top === 'fieldMappings' && typeof row === 'number') {
    return `Field mapping ${row + 1}`;
  }
  return top === undefined ? undefined : FIELD_LABELS[top] ?? field;
}

/**
 * Why the server refused a dry run, one line per problem: a 400 names the field of each, shown under the
 * builder's name for it (`Schedule: …`); any other failure is one line with the server's message.
 */
export function dryRunProblems(error: unknown): string[] {
  const problems = syncProblemsOf(error);
  if (problems.length === 0) {
    return [serverMessage(error)];
  }
  return problems.map(({ field, message }) => {
    const label = labelOf(field);
    return label ? `${label}: ${message}` : message;
  });
}
