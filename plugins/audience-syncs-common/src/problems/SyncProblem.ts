/**
 * What kind of problem a `SyncProblem` is. Stable: clients may act on a code, while messages may be
 * reworded.
 *
 * @public
 */
export type SyncProblemCode =
  // The shape of the request
  | 'required'
  | 'unknown_field'
  | 'invalid_type'
  | 'invalid_option'
  | 'too_small'
  | 'too_big'
  | 'invalid_value'
  | 'no_change'
  // The audience
  | 'audience_not_found'
  | 'audience_not_evaluated'
  | 'audience_empty'
  // The destination and its object
  | 'destination_not_found'
  | 'destination_unsupported'
  | 'object_not_found'
  | 'object_create_unsupported'
  // How members are matched
  | 'identifier_key_missing'
  | 'identifier_field_unknown'
  | 'identifier_key_mismatch'
  | 'identifier_unmatchable'
  // Field mappings
  | 'field_mappings_unsupported'
  | 'field_mapping_source_unknown'
  | 'field_mapping_field_unknown'
  | 'field_mapping_duplicate'
  // The schedule
  | 'schedule_type_unknown'
  | 'timezone_invalid'
  | 'cron_required'
  | 'cron_not_allowed'
  | 'cron_invalid'
  | 'cron_never_fires'
  // The owner
  | 'owner_invalid';

/**
 * One thing wrong with a request, about one field of it.
 *
 * @public
 */
export interface SyncProblem {
  /**
   * Where in the request body (or query) the problem is, as a dotted path: `audienceId`, `identifier.field`,
   * `fieldMappings[2].destinationField`, `schedule.cron`, `object.create.name`. The API names a problem
   * about a request part as a whole by the part (`body`, `query`, `path`); elsewhere it is empty then.
   */
  field: string;
  code: SyncProblemCode;
  /** What is wrong, readable after the field's name, e.g. `'Mars/Olympus' is not a known IANA time zone`. */
  message: string;
}

/**
 * The body of a `400` answer: Backstage's usual error body, whose message lists every problem, plus the
 * problems themselves.
 *
 * @public
 */
export interface SyncProblemsResponseBody {
  error: { name: 'InputError'; message: string };
  request: { method: string; url: string };
  response: { statusCode: 400 };
  problems: SyncProblem[];
}

/** The message of every missing or blank value, whichever check found it. */
export const REQUIRED_MESSAGE = 'is required';

/**
 * Every problem as one line: `field: message; field: message`.
 *
 * @public
 */
export function formatProblems(problems: SyncProblem[]): string {
  return problems
    .map(({ field, message }) => (field ? `${field}: ${message}` : message))
    .join('; ');
}
