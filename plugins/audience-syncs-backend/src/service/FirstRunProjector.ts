import { FirstRunProjection } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationClient,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { SnapshotStore } from '../database/SnapshotStore';

/** Snapshot members read and prepared at a time: the projection's memory, whatever the audience size. */
const RANGE_KEYS = 10_000;
/** Member keys kept per reason. */
const SAMPLES = 3;

type Unsendable = FirstRunProjection['unsendable'][number];

/**
 * What a new sync's first run would send: every member of the audience's current snapshot prepared with
 * the destination's own `prepare`, as the run prepares them, range by range; only counts and a few keys
 * per reason are kept.
 */
export class FirstRunProjector {
  readonly #snapshots: SnapshotStore;

  static create(options: { snapshots: SnapshotStore }) {
    return new FirstRunProjector(options.snapshots);
  }

  private constructor(snapshots: SnapshotStore) {
    this.#snapshots = snapshots;
  }

  async project(
    audienceId: string,
    client: DestinationClient,
    target: SyncTarget,
  ): Promise<FirstRunProjection> {
    const { current } = await this.#snapshots.getState(audienceId);
    if (!current) {
      return {
        evaluationId: null,
        audienceMembers: 0,
        sendable: 0,
        unsendable: [],
      };
    }
    let audienceMembers = 0;
    let sendable = 0;
    const byCode = new Map<string, Unsendable>();
    for await (const range of this.#snapshots.keyRanges(
      current.id,
      RANGE_KEYS,
    )) {
      const members = await this.#snapshots.getMembersInRange(
        current.id,
        range,
      );
      for (const { member } of members) {
        audienceMembers += 1;
        const result = client.prepare(member, target);
        if (result.ok) {
          sendable += 1;
          continue;
        }
        const group = byCode.get(result.code) ?? {
          code: result.code,
          message: result.reason,
          count: 0,
          sampleMemberKeys: [],
        };
        group.count += 1;
        if (group.sampleMemberKeys.length < SAMPLES) {
          group.sampleMemberKeys.push(member.memberKey);
        }
        byCode.set(result.code, group);
      }
    }
    return {
      evaluationId: current.id,
      audienceMembers,
      sendable,
      unsendable: [...byCode.values()].sort((a, b) => b.count - a.count),
    };
  }
}
