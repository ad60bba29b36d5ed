import { IdentifierField } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/**
 * The member's key that the target's identifier is read from, trimmed, with the identifier field's
 * spec; or why the row cannot be prepared: the `service` cannot match the field from that key
 * (`unsupported_identifier`), or the member has no such key (`missing_identifier`).
 */
export function readIdentifier<
  F extends Pick<IdentifierField, 'field' | 'entityKeys'>,
>(
  member: AudienceMember,
  target: SyncTarget,
  fields: readonly F[],
  service: string,
):
  | { ok: true; spec: F; raw: string }
  | { ok: false; code: string; reason: string } {
  const { entityKey, field } = target.identifier;
  const spec = fields.find(f => f.field === field);
  if (!spec || !spec.entityKeys.includes(entityKey)) {
    return {
      ok: false,
      code: 'unsupported_identifier',
      reason: `${service} cannot match '${field}' from the ${entityKey} key`,
    };
  }
  const raw = member.keys[entityKey]?.trim();
  if (!raw) {
    return {
      ok: false,
      code: 'missing_identifier',
      reason: `The member has no ${entityKey}`,
    };
  }
  return { ok: true, spec, raw };
}
