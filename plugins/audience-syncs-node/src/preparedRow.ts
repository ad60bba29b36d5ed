import { AudienceMember } from './audiences';
import { PrepareResult, SyncTarget } from './connectors';
import { mapFields } from './mapFields';

/**
 * A member ready to send: its `identifier` as the vendor takes it, and its mapped fields.
 *
 * @public
 */
export function preparedRow(
  member: AudienceMember,
  target: SyncTarget,
  identifier: string,
): PrepareResult {
  return {
    ok: true,
    row: {
      memberKey: member.memberKey,
      identifier,
      fields: mapFields(member, target.fieldMappings),
    },
  };
}
