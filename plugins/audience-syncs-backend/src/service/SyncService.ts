import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AudienceSync,
  createSyncRequestSchema,
  INPUT_LIMITS,
  nextRunAt,
  Page,
  SyncDryRunResponse,
  SyncMutationResponse,
  SyncRun,
  SyncRunDetail,
  updateSyncRequestSchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { toPublicRun } from '../database/RunStore';
import { SyncListFilter } from '../database/SyncStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
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
 * Callers check permissions first. A change that spans stores is one transaction.
 */
export class SyncService {
  readonly #stores: AudienceSyncsStores;
  readonly #audiences: AudienceCatalog;
  readonly #destinations: DestinationRegistry;
  readonly #onRunQueued: () => void;

  static create(options: {
    stores: AudienceSyncsStores;
    audiences: AudienceCatalog;
    destinations: DestinationRegistry;
    /** Wakes whatever executes queued runs. */
    onRunQueued?: () => void;
  }) {
    return new SyncService(options);
  }

  private constructor(options: {
    stores: AudienceSyncsStores;
    audiences: AudienceCatalog;
    destinations: DestinationRegistry;
    onRunQueued?: () => void;
  }) {
    this.#stores = options.stores;
    this.#audiences = options.audiences;
    this.#destinations = options.destinations;
    this.#onRunQueued = options.onRunQueued ?? (() => {});
  }

  async get(id: string): Promise<AudienceSync> {
    const sync = await this.#stores.syncs.getSync(id);
    if (!sync) throw new NotFoundError(`No audience sync '${id}'`);
    return sync;
  }

  list(
    filter: SyncListFilter,
    page: { limit: number; offset: number },
  ): Promise<Page<AudienceSync>> {
    return this.#stores.syncs.listSyncs(filter, page);
  }

  listRuns(
    syncId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<SyncRun>> {
    return this.#stores.runs.listRuns(syncId, page);
  }

  /** One run of the sync with its error sample. */
  async getRun(syncId: string, runId: number): Promise<SyncRunDetail> {
    const run = await this.#stores.runs.getRun(syncId, runId);
    if (!run) {
      throw new NotFoundError(`No run ${runId} of audience sync '${syncId}'`);
    }
    return {
      ...toPublicRun(run),
      errors: await this.#stores.runs.listErrors(runId),
    };
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
    };
    await this.#stores.syncs.insertSync(sync);
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
    return {
      dryRun: true,
      sync: { ...this.#newSync(input, valid, objectName, actor), object },
      warnings: valid.warnings,
    };
  }

  #validateCreate(input: CreateSync) {
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
  ): Omit<AudienceSync, 'id' | 'object'> {
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
    };
  }

  async update(
    id: string,
    input: UpdateSync,
    actor: string,
  ): Promise<SyncMutationResponse> {
    const current = await this.get(id);
    const objectChanged =
      input.object !== undefined &&
      ('create' in input.object || input.object.id !== current.object.id);
    const identifierChanged =
      input.identifier !== undefined &&
      (input.identifier.entityKey !== current.identifier.entityKey ||
        input.identifier.field !== current.identifier.field);
    const resetLedger = objectChanged || identifierChanged;
    if (
      resetLedger &&
      (await this.#stores.runs.findOpenRun(id))?.status === 'running'
    ) {
      throw new ConflictError(
        'The object or identifier cannot change while a run is in progress; try again when it has finished',
      );
    }
    const valid = await validateSyncConfiguration(
      {
        audienceId: current.audienceId,
        destinationId: current.destinationId,
        object: input.object ?? { id: current.object.id },
        identifier: input.identifier ?? current.identifier,
        fieldMappings: input.fieldMappings ?? current.fieldMappings,
        schedule: input.schedule ?? current.schedule,
        owner: input.owner,
      },
      { audiences: this.#audiences, destinations: this.#destinations },
    );
    const object =
      'create' in valid.object
        ? await valid.destination.client.createObject!(valid.object.create)
        : valid.object;
    const now = new Date();
    const schedule = input.schedule ?? current.schedule;
    const updated: AudienceSync = {
      ...current,
      name: input.name ?? current.name,
      object,
      mode: input.mode ?? current.mode,
      identifier: input.identifier ?? current.identifier,
      fieldMappings: input.fieldMappings ?? current.fieldMappings,
      schedule,
      owner: input.owner ?? current.owner,
      updatedBy: actor,
      updatedAt: now.toISOString(),
      nextRunAt: nextRunAfterEdit(current, input.schedule, now),
    };
    await this.#stores.transaction(async tx => {
      await this.#stores.syncs.updateSync(updated, tx);
      // What the sync put in its previous object, or under its previous identifier, is not its any more.
      if (resetLedger) await this.#stores.ledger.clear(id, tx);
    });
    return { sync: updated, warnings: valid.warnings };
  }

  async pause(id: string, actor: string): Promise<AudienceSync> {
    const sync = await this.get(id);
    if (sync.status === 'paused') {
      throw new ConflictError(`Audience sync '${sync.name}' is already paused`);
    }
    const paused: AudienceSync = {
      ...sync,
      status: 'paused',
      nextRunAt: null,
      updatedBy: actor,
      updatedAt: new Date().toISOString(),
    };
    await this.#stores.syncs.updateSync(paused);
    await this.#stores.runs.cancelQueuedRuns(id);
    return paused;
  }

  async resume(id: string, actor: string): Promise<AudienceSync> {
    const sync = await this.get(id);
    if (sync.status !== 'paused') {
      throw new ConflictError(`Audience sync '${sync.name}' is not paused`);
    }
    const now = new Date();
    const resumed: AudienceSync = {
      ...sync,
      status: 'active',
      nextRunAt: toIso(nextRunAt(sync.schedule, now)),
      updatedBy: actor,
      updatedAt: now.toISOString(),
    };
    await this.#stores.syncs.updateSync(resumed);
    return resumed;
  }

  /** Queues a manual run; refused while another run of the sync is queued, running or held. */
  async runNow(id: string): Promise<SyncRun> {
    await this.get(id);
    const trigger =
      (await this.#stores.runs.countRuns(id)) === 0 ? 'initial' : 'manual';
    return this.#queue(id, trigger);
  }

  async approve(id: string, runId: number, actor: string): Promise<SyncRun> {
    await this.get(id);
    const run = await this.#stores.runs.getRun(id, runId);
    if (!run)
      throw new NotFoundError(`No run ${runId} of audience sync '${id}'`);
    if (!(await this.#stores.runs.releaseHeldRun(runId, actor))) {
      throw new ConflictError(
        `Run ${runId} is ${run.status}; only a held run can be approved`,
      );
    }
    this.#onRunQueued();
    return { ...toPublicRun(run), status: 'queued' };
  }

  /** Removes the sync, its runs and its ledger. Destination members are not touched. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    const { syncs, runs, ledger, transaction } = this.#stores;
    await transaction(async tx => {
      await runs.deleteRuns(id, tx);
      await ledger.clear(id, tx);
      await syncs.deleteSync(id, tx);
    });
  }

  async #queue(id: string, trigger: SyncRun['trigger']): Promise<SyncRun> {
    const run = await this.#stores.runs.queueRun(id, trigger);
    if (!run) {
      const open = await this.#stores.runs.findOpenRun(id);
      throw new ConflictError(
        `Run ${open?.id} of this sync is already ${open?.status ?? 'open'}`,
      );
    }
    this.#onRunQueued();
    return run;
  }
}

/** A new schedule applies from now; an edit never starts a run by itself, and a paused sync stays idle. */
function nextRunAfterEdit(
  current: AudienceSync,
  newSchedule: AudienceSync['schedule'] | undefined,
  now: Date,
): string | null {
  if (current.status === 'paused') return null;
  if (!newSchedule) return current.nextRunAt;
  return toIso(nextRunAt(newSchedule, now));
}

function toIso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
