import {
  AudienceEvaluation,
  AudienceSync,
  NextRunPlan,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DestinationClient } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { modePolicy, plannedChanges } from '../engine/modePolicy';
import { RemovalGuard, RemovalGuardLimits } from '../engine/RemovalGuard';
import { SyncPlanner } from '../engine/SyncPlanner';

/** The configuration a preview plans with: the sync as an edit would leave it. */
export type PreviewedSync = Pick<
  AudienceSync,
  'id' | 'audienceId' | 'mode' | 'identifier' | 'removalGuard'
> & { object: { id: string; name: string } };

/**
 * What the next run of a sync would do, computed by the planner, mode policy and removal guard the run
 * itself uses, so that a preview and the run it announces cannot disagree. Reads only.
 */
export class NextRunPreview {
  readonly #stores: AudienceSyncsStores;
  readonly #planner: SyncPlanner;
  readonly #guard: RemovalGuard;

  static create(options: {
    stores: AudienceSyncsStores;
    removalGuard: RemovalGuardLimits;
  }) {
    return new NextRunPreview(options.stores, options.removalGuard);
  }

  private constructor(stores: AudienceSyncsStores, limits: RemovalGuardLimits) {
    this.#stores = stores;
    this.#planner = SyncPlanner.create(stores);
    this.#guard = RemovalGuard.create(limits);
  }

  /**
   * A full resync of `sync` on the audience's current snapshot: the ledger's entries of members in the
   * audience are forgotten, so every member is sent again and, where the mode removes, those that left
   * are removed. The removal guard then weighs the removals against the entries left, as the run does.
   */
  async resync(sync: PreviewedSync): Promise<NextRunPlan> {
    const { current } = await this.#stores.snapshots.getState(sync.audienceId);
    const ledgerMembers = await this.#stores.ledger.count(sync.id);
    if (!current) return this.#nothing(ledgerMembers, true);
    const audienceMembers = await this.#audienceMembers(current);
    const policy = modePolicy(sync.mode);
    const { departed } = await this.#planner.count(sync.id, current.id);
    const planned = plannedChanges(policy, {
      joined: audienceMembers,
      departed,
      changed: 0,
    });
    return {
      evaluationId: current.id,
      audienceMembers,
      ledgerMembers,
      ledgerReset: true,
      ...planned,
      rekeyed: 0,
      heldForApproval:
        this.#guard.check(
          { departed: planned.removes, rekeyed: 0 },
          departed,
          sync.removalGuard,
        ) ?? null,
    };
  }

  /**
   * The next run of `sync` on the audience's current snapshot. With `ledgerReset`, the ledger is taken
   * as empty, as the edit would leave it: every member is joined and nothing departed. With
   * `fieldsRemapped`, every member the sync sent and the snapshot still holds is changed, as the edit
   * marks them for the run to compare their fields again.
   */
  async plan(
    sync: PreviewedSync,
    options: {
      ledgerReset: boolean;
      fieldsRemapped: boolean;
      client: DestinationClient;
    },
  ): Promise<NextRunPlan> {
    const { ledgerReset, fieldsRemapped, client } = options;
    const { current } = await this.#stores.snapshots.getState(sync.audienceId);
    const ledgerMembers = await this.#stores.ledger.count(sync.id);
    if (!current) return this.#nothing(ledgerMembers, ledgerReset);
    const audienceMembers = await this.#audienceMembers(current);
    const base = {
      evaluationId: current.id,
      audienceMembers,
      ledgerMembers,
      ledgerReset,
    };
    const policy = modePolicy(sync.mode);
    if (ledgerReset) {
      const counts = { joined: audienceMembers, departed: 0, changed: 0 };
      return {
        ...base,
        ...plannedChanges(policy, counts),
        rekeyed: 0,
        heldForApproval: null,
      };
    }
    const counts = await this.#planner.count(sync.id, current.id);
    if (fieldsRemapped) counts.changed = ledgerMembers - counts.departed;
    const planned = plannedChanges(policy, counts);
    const rekeyed =
      counts.changed === 0
        ? 0
        : await this.#planner.countRekeyed(sync.id, current.id, member => {
            // The identifier does not depend on mapped fields: prepared without them, no field schema read.
            const result = client.prepare(member, {
              object: sync.object,
              identifier: sync.identifier,
              fieldMappings: [],
            });
            return result.ok ? result.row.identifier : undefined;
          });
    const guardedRekeys = policy.rekey === 'replace' ? rekeyed : 0;
    return {
      ...base,
      ...planned,
      rekeyed: policy.rekey === 'record' ? 0 : rekeyed,
      heldForApproval:
        this.#guard.check(
          { departed: planned.removes, rekeyed: guardedRekeys },
          ledgerMembers,
          sync.removalGuard,
        ) ?? null,
    };
  }

  /** The plan while the audience has no evaluation: the run would fail, sending nothing. */
  #nothing(ledgerMembers: number, ledgerReset: boolean): NextRunPlan {
    return {
      evaluationId: null,
      audienceMembers: 0,
      ledgerMembers,
      ledgerReset,
      adds: 0,
      removes: 0,
      updates: 0,
      rekeyed: 0,
      heldForApproval: null,
    };
  }

  async #audienceMembers(evaluation: AudienceEvaluation): Promise<number> {
    return (
      evaluation.memberCount ??
      (await this.#stores.snapshots.countMembers(evaluation.id))
    );
  }
}
