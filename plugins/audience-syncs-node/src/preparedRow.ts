import { AudienceMember } from './audiences';
import { PrepareResult, SyncTarget } from './connectors';
import { convertFieldValue } from './convertFieldValue';
import { mapFields } from './mapFields';

/**
 * A member ready to send: its `identifier` as the vendor takes it, and its mapped fields, each converted to
 * its field's type where the target carries the object's described fields. A value that cannot be converted
 * makes the member invalid (`field_value_invalid`), with a reason naming the field and the kind of value.
 *
 * @public
 */
export function preparedRow(
  member: AudienceMember,
  target: SyncTarget,
  identifier: string,
): PrepareResult {
  const fields = mapFields(member, target.fieldMappings);
  for (const described of target.fieldSchema?.fields ?? []) {
    if (!(described.name in fields)) continue;
    const converted = convertFieldValue(fields[described.name], described.type);
    if (!converted.ok) {
      return {
        ok: false,
        code: 'field_value_invalid',
        reason: `${described.name}: ${converted.reason}`,
      };
    }
    fields[described.name] = converted.value;
  }
  return {
    ok: true,
    row: { memberKey: member.memberKey, identifier, fields },
  };
}
