import {
  MemberHistoryOperation,
  SyncRunError,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { PreparedRow } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { MemberHistoryStep } from '../database/MemberHistoryStore';

/** The rows a destination acknowledged, as steps of their members' timelines. */
export function sentSteps(
  operation: Exclude<MemberHistoryOperation, 'invalid'>,
  rows: PreparedRow[],
): MemberHistoryStep[] {
  return rows.map(row => ({
    memberKey: row.memberKey,
    operation,
    identifier: row.identifier,
  }));
}

/** Members that could not be prepared: never sent, and the reason why. */
export function invalidSteps(invalid: SyncRunError[]): MemberHistoryStep[] {
  return invalid.map(error => ({
    memberKey: error.memberKey,
    operation: 'invalid',
    identifier: null,
    code: error.code,
    message: error.message,
  }));
}
