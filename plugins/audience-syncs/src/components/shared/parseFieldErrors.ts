/** One problem of a 400 answer: the field it names (e.g. `schedule.cron`), if any, and what is wrong. */
export interface FieldProblem {
  field?: string;
  message: string;
}

/** A field path as the server writes it: `mode`, `object.id`, `fieldMappings[0].source.name`. */
const FIELD_PATH = String.raw`[A-Za-z_$][\w$]*(?:\[\d+\])*(?:\.[A-Za-z_$][\w$]*(?:\[\d+\])*)*`;
/** Problems are joined by `; `; a `; ` inside a problem's own text is not followed by `field: `. */
const SEPARATOR = new RegExp(String.raw`;\s+(?=${FIELD_PATH}: )`);
const PROBLEM = new RegExp(String.raw`^(${FIELD_PATH}): ([\s\S]*)$`);

/**
 * Splits the message of a 400 answer (`field: problem; field: problem`) into its problems; text without a
 * field name becomes a problem without a field.
 */
export function parseFieldErrors(message: string): FieldProblem[] {
  return message
    .split(SEPARATOR)
    .map(part => part.trim())
    .filter(part => part.length > 0)
    .map(part => {
      const match = PROBLEM.exec(part);
      return match ? { field: match[1], message: match[2] } : { message: part };
    });
}
