import { SyncMode } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { KeyRange } from '../database/keyRanges';
import { ChangedMember, LedgerEntry } from '../database/ledger/LedgerEntry';
import { LedgerStore } from '../database/ledger/LedgerStore';
import { PlanCounts } from '../database/ledger/PlanCounts';
import { SnapshotMember } from '../database/SnapshotMember';
import { SnapshotStore } from '../database/SnapshotStore';
import { ModePolicy, modePolicy, plannedChanges } from './modePolicy';

/** What a run of a sync is about to do: the diff's sizes, and what its mode sends of them. */
export interface SyncPlan {
  evaluationId: number;
  counts: PlanCounts;
  policy: ModePolicy;
  planned: { adds: number; removes: number; updates: number };
}

/**
 * Keys of one side read per range: bounds the memory of a range (its keys, and for changed members
 * their rows) whatever the audience size, and the work of each range query.
 */
const RANGE_KEYS = 10_000;

/** Changed members prepared at a time when counting re-keyed ones. */
const REKEY_PAGE = 1_000;

/**
 * The diff of a sync: the snapshot of one evaluation against the sync's ledger, computed in SQL by the
 * ledger's diff queries.
 *
 * Each set is read range by range in member key order: a range is the next RANGE_KEYS keys of the side
 * scanned (the snapshot for joined and changed members, the ledger for departed ones), found from its
 * primary-key index when the range is reached, and each range query bounds the work to it. Paging the
 * result instead (`member_key > after … LIMIT n`) bounds one side only: PostgreSQL, which cannot
 * estimate how few rows an anti-join keeps, hashes the whole ledger for every page, and a plan costs
 * pages × audience. What ranges find is paged across ranges, so pages are full. Memory stays that of a
 * range and a page. Each range is read once, before any of its members is sent, and what the run
 * commits only touches ranges already read, so a page never depends on what the run wrote.
 */
export class SyncPlanner {
  readonly #ledger: LedgerStore;
  readonly #snapshots: SnapshotStore;

  static create(options: { ledger: LedgerStore; snapshots: SnapshotStore }) {
    return new SyncPlanner(options.ledger, options.snapshots);
  }

  private constructor(ledger: LedgerStore, snapshots: SnapshotStore) {
    this.#ledger = ledger;
    this.#snapshots = snapshots;
  }

  count(syncId: string, evaluationId: number): Promise<PlanCounts> {
    return this.#ledger.countDiff(syncId, evaluationId);
  }

  /** The diff's sizes and what the sync's mode sends of them. */
  async plan(
    sync: { id: string; mode: SyncMode },
    evaluationId: number,
  ): Promise<SyncPlan> {
    const policy = modePolicy(sync.mode);
    const counts = await this.count(sync.id, evaluationId);
    return {
      evaluationId,
      counts,
      policy,
      planned: plannedChanges(policy, counts),
    };
  }

  /** Keys from the indexes alone first, then the rows of those that joined (`#joinedMembers`). */
  async *joined(
    syncId: string,
    evaluationId: number,
    pageSize: number,
  ): AsyncGenerator<SnapshotMember[]> {
    const members = this.#byRange(
      this.#snapshots.keyRanges(evaluationId, RANGE_KEYS),
      async range =>
        this.#joinedMembers(
          evaluationId,
          range,
          await this.#ledger.joinedKeys(syncId, evaluationId, range),
        ),
    );
    yield* inPages(members, pageSize);
  }

  /**
   * The snapshot members of a range's joined keys in one query: by key when few joined (an ordinary
   * diff), by the whole range when most did (an initial run), which saves the lookups.
   */
  async #joinedMembers(
    evaluationId: number,
    range: KeyRange,
    keys: string[],
  ): Promise<SnapshotMember[]> {
    if (keys.length === 0) return [];
    if (keys.length * 2 < RANGE_KEYS) {
      return this.#snapshots.getMembers(evaluationId, keys);
    }
    const joined = new Set(keys);
    const inRange = await this.#snapshots.getMembersInRange(
      evaluationId,
      range,
    );
    return inRange.filter(m => joined.has(m.member.memberKey));
  }

  /**
   * Changed members whose identifier, as `identify` prepares it now, differs from the one the ledger
   * holds: re-keyed members, whose old identifier a Mirror run removes. Read page by page.
   */
  async countRekeyed(
    syncId: string,
    evaluationId: number,
    identify: (member: AudienceMember) => string | undefined,
  ): Promise<number> {
    let rekeyed = 0;
    for await (const page of this.changed(syncId, evaluationId, REKEY_PAGE)) {
      for (const planned of page) {
        const identifier = identify(planned.member);
        if (
          identifier !== undefined &&
          identifier !== planned.ledger.identifier
        ) {
          rekeyed += 1;
        }
      }
    }
    return rekeyed;
  }

  async *changed(
    syncId: string,
    evaluationId: number,
    pageSize: number,
  ): AsyncGenerator<ChangedMember[]> {
    const members = this.#byRange(
      this.#snapshots.keyRanges(evaluationId, RANGE_KEYS),
      range => this.#ledger.changedMembers(syncId, evaluationId, range),
    );
    yield* inPages(members, pageSize);
  }

  async *departed(
    syncId: string,
    evaluationId: number,
    pageSize: number,
  ): AsyncGenerator<LedgerEntry[]> {
    const keys = this.#byRange(
      this.#ledger.keyRanges(syncId, RANGE_KEYS),
      range => this.#ledger.departedKeys(syncId, evaluationId, range),
    );
    for await (const page of inPages(keys, pageSize)) {
      yield await this.#ledger.get(syncId, page);
    }
  }

  /** What `read` finds in each range, range after range, read only when the previous is used up. */
  async *#byRange<T>(
    ranges: AsyncIterable<KeyRange>,
    read: (range: KeyRange) => Promise<T[]>,
  ): AsyncGenerator<T[]> {
    for await (const range of ranges) yield await read(range);
  }
}

/**
 * Full pages from what ranges find: a range holds anything from none to RANGE_KEYS of a set, and pages
 * cut at range ends would send short batches (a few joined members per range in an ordinary diff).
 */
async function* inPages<T>(
  chunks: AsyncIterable<T[]>,
  pageSize: number,
): AsyncGenerator<T[]> {
  let pending: T[] = [];
  for await (const chunk of chunks) {
    pending = pending.concat(chunk);
    let start = 0;
    for (; pending.length - start >= pageSize; start += pageSize) {
      yield pending.slice(start, start + pageSize);
    }
    pending = pending.slice(start);
  }
  if (pending.length > 0) yield pending;
}
