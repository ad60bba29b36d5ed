import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';

/** One member of an audience snapshot, with the hash of its keys and fields. */
export interface SnapshotMember {
  member: AudienceMember;
  memberHash: string;
}

/** A snapshot member row as stored. */
export type SnapshotMemberRow = {
  member_key: string;
  email: string | null;
  phone: string | null;
  user_id: string | null;
  device_id: string | null;
  fields: string;
  member_hash: string;
};

export function toSnapshotMember(row: SnapshotMemberRow): SnapshotMember {
  return {
    member: {
      memberKey: row.member_key,
      keys: {
        email: row.email,
        phone: row.phone,
        user_id: row.user_id,
        device_id: row.device_id,
      },
      fields: JSON.parse(row.fields),
    },
    memberHash: row.member_hash,
  };
}
