import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  AudienceSync,
  MemberTimeline,
  MemberTimelineSync,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { SyncOwnerQuery } from '../database/SyncStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';

/** Syncs of one audience looked at, and steps shown per sync (the newest). */
const MAX_SYNCS = 200;
const MAX_STEPS = 500;

/**
 * A member's timeline across the syncs of its audience: whether it is in the current snapshot, what each
 * run did to it, what the ledger holds now. The search is a member key, an identifier as sent, or a value
 * typed in plain text (an email, a phone number) that each sync prepares as it would for its destination
 * (normalized, hashed where the vendor requires), so the same typed email finds the member on a sync
 * that sends it hashed and on one that sends it in clear.
 */
export class MemberTimelineService {
  readonly #stores: AudienceSyncsStores;
  readonly #destinations: DestinationRegistry;

  static create(options: {
    stores: AudienceSyncsStores;
    destinations: DestinationRegistry;
  }) {
    return new MemberTimelineService(options);
  }

  private constructor(
    options: Parameters<typeof MemberTimelineService.create>[0],
  ) {
    this.#stores = options.stores;
    this.#destinations = options.destinations;
  }

  /** `permission`: the caller's read conditions; only the syncs they allow are shown. */
  async timeline(
    audienceId: string,
    query: string,
    permission?: PermissionCriteria<SyncOwnerQuery>,
  ): Promise<MemberTimeline> {
    const { syncs, snapshots } = this.#stores;
    const [{ items }, { current }] = await Promise.all([
      syncs.listSyncs(
        { audienceId, permission },
        { limit: MAX_SYNCS, offset: 0 },
      ),
      snapshots.getState(audienceId),
    ]);
    const evaluationId = current?.id ?? null;
    const timelines: MemberTimelineSync[] = [];
    for (const sync of items) {
      timelines.push(await this.#syncTimeline(sync, query, evaluationId));
    }
    return { audienceId, query, evaluationId, syncs: timelines };
  }

  async #syncTimeline(
    sync: AudienceSync,
    query: string,
    evaluationId: number | null,
  ): Promise<MemberTimelineSync> {
    const { ledger, snapshots, memberHistory } = this.#stores;
    const identifiers = [query, ...this.#prepared(sync, query)];
    const candidates = [
      ...new Set([
        query,
        ...(await memberHistory.memberKeysByIdentifier(sync.id, identifiers)),
      ]),
    ];
    const [history, entries, inSnapshot] = await Promise.all([
      memberHistory.list(sync.id, candidates, MAX_STEPS),
      ledger.get(sync.id, candidates),
      evaluationId === null
        ? Promise.resolve([])
        : snapshots.getMembers(evaluationId, candidates),
    ]);
    // A member key that matched nothing is no member of this sync.
    const found = new Set([
      ...history.map(step => step.memberKey),
      ...entries.map(entry => entry.memberKey),
      ...inSnapshot.map(member => member.member.memberKey),
    ]);
    return {
      syncId: sync.id,
      syncName: sync.name,
      destinationId: sync.destinationId,
      memberKeys: [...found].sort(),
      inSnapshot: inSnapshot.length > 0,
      ledger: entries.map(entry => ({
        memberKey: entry.memberKey,
        identifier: entry.identifier,
      })),
      history,
    };
  }

  /** The query as this sync's destination would receive it as its identifier, if it can be prepared. */
  #prepared(sync: AudienceSync, query: string): string[] {
    const connected = this.#destinations.get(sync.destinationId);
    if (!connected) return [];
    let result;
    try {
      result = connected.client.prepare(
        {
          memberKey: query,
          keys: { [sync.identifier.entityKey]: query },
          fields: {},
        },
        {
          object: sync.object,
          identifier: sync.identifier,
          // Only the identifier is looked at: no field values, so no field schema.
          fieldMappings: [],
        },
      );
    } catch {
      // A connector that cannot prepare a bare value still lets the query match as typed.
      return [];
    }
    return result.ok && result.row.identifier !== query
      ? [result.row.identifier]
      : [];
  }
}
