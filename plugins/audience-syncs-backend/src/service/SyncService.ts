import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AudienceSync,
  createSyncRequestSchema,
  INPUT_LIMITS,
  nextRunAt,
  NextRunPlan,
  Page,
  runsAfterEvaluation,
  SyncActivity,
  SyncActivityAction,
  SyncFieldChange,
  SyncDryRunResponse,
  SyncEditDryRunResponse,
  SyncMutationResponse,
  SyncRun,
  SyncRunDetail,
  updateSyncRequestSchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { toPublicRun } from '../database/RunStore';
import { SyncListFilter } from '../database/SyncStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { engineConfig } from '../engine/EngineConfig';
import { RemovalGuardLimits } from '../engine/RemovalGuard';
import { SyncSignals } from '../signals/SyncSignals';
import { checkRemovalGuard } from './checkRemovalGuard';
import { FirstRunProjector } from './FirstRunProjector';
import { NextRunPreview } from './NextRunPreview';
import { readRunDetail } from './readRunDetail';
import {
  validateSyncConfiguration,
  ValidSyncConfiguration,
} from './validateSyncConfiguration';

type CreateSync = z.infer<typeof createSyncRequestSchema>;
type UpdateSync = z.infer<typeof updateSyncRequestSchema>;

/**
 * The lifecycle of syncs: create (with the first run now or at the next scheduled
 * time), edit (no run; a new object or identifier starts over from an empty ledger), pause, resume, run
 * now, approve a held run, delete (destination members stay), and the reads of syncs and their runs.
 * Callers check permissions first. A change that spans stores is one transaction, signalled once it has
 * committed.
 */
export class SyncService {
  readonly #stores: AudienceSyncsStores;
  readonly #audiences: AudienceCatalog;
  readonly #destinations: DestinationRegistry;
  readonly #onRunQueued: () => void;
  readonly #guardLimits: RemovalGuardLimits;
  readonly #signals: SyncSignals;
  readonly #preview: NextRunPreview;
  readonly #firstRun: FirstRunProjector;

  static create(options: {
    stores: AudienceSyncsStores;
    audiences: AudienceCatalog;
    destinations: DestinationRegistry;
    /** Wakes whatever executes queued runs. */
    onRunQueued?: () => void;
    /** What a sync's own removal guard settings may be (`readEngineConfig`); defaults otherwise. */
    removalGuard?: RemovalGuardLimits;
    /** Announces each change to open pages; default: none. */
    signals?: SyncSignals;
  }) {
    return new SyncService(options);
  }

  private constructor(options: Parameters<typeof SyncService.create>[0]) {
    this.#stores = options.stores;
    this.#audiences = options.audiences;
    this.#destinations = options.destinations;
    this.#onRunQueued = options.onRunQueued ?? (() => {});
    this.#guardLimits = options.removalGuard ?? engineConfig().removalGuard;
    this.#signals = options.signals ?? SyncSignals.silent();
    this.#firstRun = FirstRunProjector.create({
      snapshots: this.#stores.snapshots,
    });
    this.#preview = NextRunPreview.create({
      stores: this.#stores,
      removalGuard: this.#guardLimits,
    });
  }

  async get(id: string): Promise<AudienceSync> {
    const sync = await this.#stores.syncs.getSync(id);
    if (!sync) throw new NotFoundError(`No audience sync '${id}'`);
    return sync;
  }

  /** One page of syncs, each with its newest run, so that a list shows what is failing or held. */
  async list(
    filter: SyncListFilter,
    page: { limit: number; offset: number },
  ): Promise<Page<AudienceSync>> {
    const syncs = await this.#stores.syncs.listSyncs(filter, page);
    const latest = await this.#stores.runs.latestRuns(
      syncs.items.map(sync => sync.id),
    );
    return {
      ...syncs,
      items: syncs.items.map(sync => ({
        ...sync,
        latestRun: latest.get(sync.id) ?? null,
      })),
    };
  }

  listRuns(
    syncId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<SyncRun>> {
    return this.#stores.runs.listRuns(syncId, page);
  }

  /** What people did to the sync, newest first. */
  listActivity(
    syncId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<SyncActivity>> {
    return this.#stores.activity.list(syncId, page);
  }

  /** One run of the sync with its error sample and its errors by code. */
  async getRun(syncId: string, runId: number): Promise<SyncRunDetail> {
    const run = await readRunDetail(this.#stores, syncId, runId);
    if (!run) {
      throw new NotFoundError(`No run ${runId} of audience sync '${syncId}'`);
    }
    return run;
  }

  async create(
    input: CreateSync,
    actor: string,
  ): Promise<SyncMutationResponse> {
    const valid = await this.#validateCreate(input);
    // The destination object is created last, once nothing else can refuse the request.
    const object =
      'create' in valid.object
        ? await valid.destination.client.createObject!(valid.object.create)
        : valid.object;
    const sync: AudienceSync = {
      id: randomUUID(),
      ...this.#newSync(input, valid, object.name, actor),
      object,
      version: 1,
    };
    await this.#stores.transaction(async tx => {
      await this.#stores.syncs.insertSync(sync, tx);
      if (runsAfterEvaluation(sync.schedule)) {
        await this.#stores.followedEvaluations.followFromNow(sync.id, tx);
      }
      await this.#stores.activity.record(
        { syncId: sync.id, at: sync.createdAt, actor, action: 'created' },
        tx,
      );
    });
    this.#signals.sync(sync.id, 'created');
    const run = input.runNow
      ? await this.#queue(sync.id, 'initial')
      : undefined;
    return { sync, warnings: valid.warnings, ...(run ? { run } : {}) };
  }

  /** Every check of `create`, nothing saved and no destination object created. */
  async dryRunCreate(
    input: CreateSync,
    actor: string,
  ): Promise<SyncDryRunResponse> {
    const valid = await this.#validateCreate(input);
    const object =
      'create' in valid.object
        ? { create: { name: valid.object.create } }
        : valid.object;
    const objectName = 'create' in object ? object.create.name : object.name;
    const firstRun = await this.#firstRun.project(
      input.audienceId,
      valid.destination.client,
      {
        object: 'create' in object ? { id: '', name: objectName } : object,
        identifier: input.identifier,
        fieldMappings: input.fieldMappings ?? [],
        fieldSchema: valid.fieldSchema,
      },
    );
    return {
      dryRun: true,
      sync: { ...this.#newSync(input, valid, objectName, actor), object },
      warnings: valid.warnings,
      firstRun,
    };
  }

  #validateCreate(input: CreateSync) {
    checkRemovalGuard(input.removalGuard, this.#guardLimits);
    return validateSyncConfiguration(input, {
      audiences: this.#audiences,
      destinations: this.#destinations,
    });
  }

  #newSync(
    input: CreateSync,
    valid: ValidSyncConfiguration,
    objectName: string,
    actor: string,
  ): Omit<AudienceSync, 'id' | 'object' | 'version'> {
    const now = new Date();
    return {
      name:
        input.name ??
        // Long names make a default longer than its column; its end is the least telling part.
        `${valid.audience.name} → ${valid.destination.destination.name} / ${objectName}`.slice(
          0,
          INPUT_LIMITS.name,
        ),
      audienceId: input.audienceId,
      destinationId: input.destinationId,
      mode: input.mode,
      identifier: input.identifier,
      fieldMappings: input.fieldMappings,
      schedule: input.schedule,
      status: 'active',
      owner: input.owner ?? actor,
      createdBy: actor,
      createdAt: now.toISOString(),
      updatedBy: actor,
      updatedAt: now.toISOString(),
      lastSyncedAt: null,
      nextRunAt: toIso(nextRunAt(input.schedule, now)),
      ...(input.removalGuard ? { removalGuard: input.removalGuard } : {}),
      ...(input.alerts ? { alerts: input.alerts } : {}),
    };
  }

  /**
   * Saves an edit: only the fields it changes, over whatever the sync is by then (a pause or a run's end
   * meanwhile stays). With `version`, a sync changed since that version is refused (409). A new object or
   * identifier empties the ledger in the transaction that proves no run holds the sync.
   */
  async update(
    id: string,
    input: UpdateSync,
    actor: string,
  ): Promise<SyncMutationResponse> {
    const { version, edit, valid } = await this.#validateUpdate(id, input);
    if ('create' in valid.object) {
      // The last check before the destination object exists: a run claimed during validation refuses here.
      await this.#refuseWhileRunning(id);
    }
    const object =
      'create' in valid.object
        ? await valid.destination.client.createObject!(valid.object.create)
        : valid.object;
    const now = new Date();
    const { syncs, ledger, transaction } = this.#stores;
    await transaction(async tx => {
      const current = await syncs.lockSync(id, tx);
      if (!current) throw new NotFoundError(`No audience sync '${id}'`);
      if (version !== undefined && version !== current.version) {
        throw staleEditError(current);
      }
      const resetLedger = resetsLedger(edit, current);
      if (resetLedger) await this.#refuseWhileRunning(id, tx);
      await this.#stores.activity.record(
        {
          syncId: id,
          at: now.toISOString(),
          actor,
          action: 'edited',
          // The object as the destination names it, not as the request chose it.
          changes: changedFields(current, {
            ...edit,
            object: edit.object ? object : undefined,
          }),
        },
        tx,
      );
      await syncs.updateConfiguration(
        id,
        {
          name: edit.name,
          object: edit.object ? object : undefined,
          mode: edit.mode,
          identifier: edit.identifier,
          fieldMappings: edit.fieldMappings,
          schedule: edit.schedule,
          owner: edit.owner,
          removalGuard: edit.removalGuard,
          alerts: edit.alerts,
          // A new schedule applies from now; an edit never starts a run by itself, and a paused sync stays idle.
          nextRunAt:
            edit.schedule && current.status !== 'paused'
              ? toIso(nextRunAt(edit.schedule, now))
              : undefined,
        },
        { by: actor, at: now.toISOString() },
        tx,
      );
      // Switching to running after each evaluation applies from now: the snapshot the sync already
      // saw, or chose not to run for, does not start a run.
      if (
        edit.schedule &&
        runsAfterEvaluation(edit.schedule) &&
        !runsAfterEvaluation(current.schedule)
      ) {
        await this.#stores.followedEvaluations.followFromNow(id, tx);
      }
      // What the sync put in its previous object, or under its previous identifier, is not its any more.
      if (resetLedger) await ledger.clear(id, tx);
      // Members already sent carry the old mapping's values: the next run compares each again.
      else if (remapsFields(edit, current)) await ledger.markChanged(id, tx);
    });
    this.#signals.sync(id, 'updated');
    return { sync: await this.get(id), warnings: valid.warnings };
  }

  /**
   * Every check of `update`, nothing saved and no destination object created, and what the next run
   * would do with the edit applied.
   */
  async dryRunUpdate(
    id: string,
    input: UpdateSync,
  ): Promise<SyncEditDryRunResponse> {
    const { read, edit, valid } = await this.#validateUpdate(id, input);
    // An object to be created has no id yet; a reset plan does not read the object.
    const { object, chosen } =
      'create' in valid.object
        ? {
            object: { id: '', name: valid.object.create },
            chosen: { create: { name: valid.object.create } },
          }
        : { object: valid.object, chosen: valid.object };
    const nextRun = await this.#preview.plan(
      {
        id,
        audienceId: read.audienceId,
        object,
        mode: edit.mode ?? read.mode,
        identifier: edit.identifier ?? read.identifier,
        removalGuard: edit.removalGuard ?? read.removalGuard,
      },
      {
        ledgerReset: resetsLedger(edit, read),
        fieldsRemapped: remapsFields(edit, read),
        client: valid.destination.client,
      },
    );
    return {
      dryRun: true,
      changes: changedFields(read, {
        ...edit,
        object: edit.object ? chosen : undefined,
      }),
      warnings: valid.warnings,
      nextRun,
    };
  }

  /** The checks an edit passes before anything is saved, on the sync as it is read now. */
  async #validateUpdate(id: string, input: UpdateSync) {
    const { version, ...edit } = input;
    const read = await this.get(id);
    checkRemovalGuard(edit.removalGuard, this.#guardLimits);
    if (version !== undefined && version !== read.version) {
      throw staleEditError(read);
    }
    // Checked before the slow validation and again inside the transaction that saves.
    if (resetsLedger(edit, read)) await this.#refuseWhileRunning(id);
    const valid = await validateSyncConfiguration(
      {
        audienceId: read.audienceId,
        destinationId: read.destinationId,
        object: edit.object ?? { id: read.object.id },
        identifier: edit.identifier ?? read.identifier,
        fieldMappings: edit.fieldMappings ?? read.fieldMappings,
        schedule: edit.schedule ?? read.schedule,
        owner: edit.owner,
      },
      { audiences: this.#audiences, destinations: this.#destinations },
    );
    return { read, version, edit, valid };
  }

  /** Pausing also cancels the sync's queued and held runs; a run in progress finishes. */
  async pause(id: string, actor: string): Promise<AudienceSync> {
    await this.#changeStatus(id, async (sync, tx, at) => {
      if (sync.status === 'paused') {
        throw new ConflictError(
          `Audience sync '${sync.name}' is already paused`,
        );
      }
      await this.#stores.syncs.updateStatus(
        id,
        { status: 'paused', nextRunAt: null },
        { by: actor, at: at.toISOString() },
        tx,
      );
      await this.#stores.runs.cancelWaitingRuns(
        id,
        `Cancelled: the sync was paused by ${actor}`,
        tx,
      );
      await this.#record(id, actor, 'paused', tx, at);
    });
    return this.get(id);
  }

  async resume(id: string, actor: string): Promise<AudienceSync> {
    await this.#changeStatus(id, async (sync, tx, at) => {
      if (sync.status !== 'paused') {
        throw new ConflictError(`Audience sync '${sync.name}' is not paused`);
      }
      await this.#stores.syncs.updateStatus(
        id,
        { status: 'active', nextRunAt: toIso(nextRunAt(sync.schedule, at)) },
        { by: actor, at: at.toISOString() },
        tx,
      );
      // Like a time schedule, which resumes at its next time: snapshots taken while paused are skipped.
      if (runsAfterEvaluation(sync.schedule)) {
        await this.#stores.followedEvaluations.followFromNow(id, tx);
      }
      await this.#record(id, actor, 'resumed', tx, at);
    });
    return this.get(id);
  }

  /** A change decided on the sync as it is, with its row locked until the change is saved. */
  async #changeStatus(
    id: string,
    change: (
      sync: AudienceSync,
      tx: Knex.Transaction,
      at: Date,
    ) => Promise<void>,
  ): Promise<void> {
    await this.#stores.transaction(async tx => {
      const sync = await this.#stores.syncs.lockSync(id, tx);
      if (!sync) throw new NotFoundError(`No audience sync '${id}'`);
      await change(sync, tx, new Date());
    });
    this.#signals.sync(id, 'updated');
  }

  /** An entry of the sync's activity, in the transaction of the change it records. */
  #record(
    syncId: string,
    actor: string,
    action: SyncActivityAction,
    tx: Knex.Transaction,
    at = new Date(),
    runId?: number,
  ): Promise<void> {
    return this.#stores.activity.record(
      { syncId, actor, action, at: at.toISOString(), runId },
      tx,
    );
  }

  /** A running run reads the sync's object and ledger: neither may change under it. */
  async #refuseWhileRunning(id: string, tx?: Knex.Transaction): Promise<void> {
    if ((await this.#stores.runs.findOpenRun(id, tx))?.status === 'running') {
      throw new ConflictError(
        'The object or identifier cannot change while a run is in progress; try again when it has finished',
      );
    }
  }

  /** Queues a manual run; refused while another run of the sync is queued, running or held. */
  async runNow(id: string, actor: string): Promise<SyncRun> {
    await this.get(id);
    const trigger =
      (await this.#stores.runs.countRuns(id)) === 0 ? 'initial' : 'manual';
    return this.#queue(id, trigger, (run, tx) =>
      this.#record(id, actor, 'run-requested', tx, new Date(), run.id),
    );
  }

  /**
   * Queues a verify run, which reads the destination back and compares it with the ledger and the
   * audience, sending nothing; refused for a destination that cannot read its members back, and while
   * another run of the sync is open.
   */
  async verify(id: string, actor: string): Promise<SyncRun> {
    this.#requireReadBack(await this.get(id));
    return this.#queue(
      id,
      'manual',
      (run, tx) =>
        this.#record(id, actor, 'verify-requested', tx, new Date(), run.id),
      'verify',
    );
  }

  /**
   * Queues a repair run: a verification, then a sync that re-sends the members the destination lacks and,
   * in Mirror mode, removes what the sync added that left the audience (through the removal guard). Only
   * the ledger's members are ever removed. Refused as `verify` is.
   */
  async repair(id: string, actor: string): Promise<SyncRun> {
    this.#requireReadBack(await this.get(id));
    return this.#queue(
      id,
      'manual',
      (run, tx) =>
        this.#record(id, actor, 'repair-requested', tx, new Date(), run.id),
      'repair',
    );
  }

  /** What a full resync would do now, for its confirmation. */
  async resyncPlan(id: string): Promise<NextRunPlan> {
    return this.#preview.resync(await this.get(id));
  }

  /** Queues a full resync: what the sync sent of the audience is forgotten and the audience sent again. */
  async resync(id: string, actor: string): Promise<SyncRun> {
    await this.get(id);
    return this.#queue(
      id,
      'manual',
      (run, tx) =>
        this.#record(id, actor, 'resync-requested', tx, new Date(), run.id),
      'resync',
    );
  }

  /** Verifying needs a destination that lists its members. */
  #requireReadBack(sync: AudienceSync): void {
    const connected = this.#destinations.get(sync.destinationId);
    if (!connected?.client.readMembers) {
      const name = connected?.destination.name ?? sync.destinationId;
      throw new InputError(
        `${name} cannot read an audience's members back, so it cannot be verified`,
      );
    }
  }

  /** Releases a held run; refused while the sync is paused (resuming first is the user's decision). */
  async approve(id: string, runId: number, actor: string): Promise<SyncRun> {
    const { syncs, runs, transaction } = this.#stores;
    const run = await transaction(async tx => {
      // Locked: a pause, which cancels held runs, cannot land between this check and the release.
      const sync = await syncs.lockSync(id, tx);
      if (!sync) throw new NotFoundError(`No audience sync '${id}'`);
      const held = await runs.getRun(id, runId, tx);
      if (!held) {
        throw new NotFoundError(`No run ${runId} of audience sync '${id}'`);
      }
      if (sync.status === 'paused') {
        throw new ConflictError(
          `Audience sync '${sync.name}' is paused; resume it before approving run ${runId}`,
        );
      }
      if (!(await runs.releaseHeldRun(runId, actor, tx))) {
        throw new ConflictError(
          `Run ${runId} is ${held.status}; only a held run can be approved`,
        );
      }
      await this.#record(id, actor, 'run-approved', tx, new Date(), runId);
      return held;
    });
    this.#onRunQueued();
    this.#signals.run(id, runId, 'run-queued');
    return { ...toPublicRun(run), status: 'queued' };
  }

  /** Removes the sync, its runs and its ledger. Destination members are not touched. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    const { syncs, runs, ledger, transaction } = this.#stores;
    await transaction(async tx => {
      await this.#stores.runErrorCounts.deleteForSync(id, tx);
      await runs.deleteRuns(id, tx);
      await ledger.clear(id, tx);
      await syncs.deleteSync(id, tx);
    });
    this.#signals.sync(id, 'deleted');
  }

  async #queue(
    id: string,
    trigger: SyncRun['trigger'],
    alongside?: (run: SyncRun, tx: Knex.Transaction) => Promise<void>,
    kind: SyncRun['kind'] = 'sync',
  ): Promise<SyncRun> {
    const run = await this.#stores.runs.queueRun(id, trigger, alongside, kind);
    if (!run) {
      const open = await this.#stores.runs.findOpenRun(id);
      throw new ConflictError(
        `Run ${open?.id} of this sync is already ${open?.status ?? 'open'}`,
      );
    }
    this.#onRunQueued();
    this.#signals.run(id, run.id, 'run-queued');
    return run;
  }
}

/** The fields an edit sets to another value than the sync had, with both values, for its activity. */
function changedFields(
  sync: AudienceSync,
  edit: Omit<UpdateSync, 'version' | 'object'> & {
    object?: AudienceSync['object'] | { create: { name: string } };
  },
): SyncFieldChange[] {
  return Object.entries(edit)
    .filter(([, to]) => to !== undefined)
    .map(([field, to]) => ({
      field,
      from: sync[field as keyof AudienceSync] ?? null,
      to,
    }))
    .filter(change => !isDeepStrictEqual(change.from, change.to));
}

/** A new object or another identifier: what the ledger records is about something else. */
function resetsLedger(edit: Omit<UpdateSync, 'version'>, sync: AudienceSync) {
  const objectChanged =
    edit.object !== undefined &&
    ('create' in edit.object || edit.object.id !== sync.object.id);
  const identifierChanged =
    edit.identifier !== undefined &&
    (edit.identifier.entityKey !== sync.identifier.entityKey ||
      edit.identifier.field !== sync.identifier.field);
  return objectChanged || identifierChanged;
}

/** Other field mappings: what the destination holds of each member's fields may be out of date. */
function remapsFields(edit: Omit<UpdateSync, 'version'>, sync: AudienceSync) {
  return (
    edit.fieldMappings !== undefined &&
    !isDeepStrictEqual(edit.fieldMappings, sync.fieldMappings)
  );
}

/** The stored row has moved past the version the editor read; without history, say who moved it and when. */
function staleEditError(current: AudienceSync): ConflictError {
  return new ConflictError(
    `This sync was changed by ${current.updatedBy} at ${current.updatedAt} (it is now ${current.status}); reload it to see the changes`,
  );
}

function toIso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
