/**
 * What the row error codes the built-in destinations use mean, in plain words. Codes are lower-case
 * here; a destination may spell them in capitals.
 */
const ROW_ERROR_LABELS: Record<string, string> = {
  missing_identifier: 'No identifier to send the member by',
  unsupported_identifier: 'An identifier this destination cannot match',
  invalid_email: 'Not a valid email address',
  invalid_phone: 'Not a valid phone number',
  invalid_device_id: 'Not a valid device ID',
  invalid_external_id: 'An external ID the destination cannot store',
  invalid_consent: 'Consent attributes that cannot be read',
  field_value_invalid: "A field value that does not fit the field's type",
  invalid_field_mapping: 'A field this destination does not take',
  invalid_contact: 'Contact refused by the destination',
  invalid_entry: 'Row refused by the destination',
  invalid_user_object: 'User refused by the destination',
};

/**
 * A row error code in plain words: the meaning of a code the built-in destinations use, or else the code
 * itself as words (`NOT_WRITTEN` → "Not written"), since other destinations name their own.
 */
export function rowErrorLabel(code: string): string {
  const known = ROW_ERROR_LABELS[code.toLowerCase()];
  if (known) return known;
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}
