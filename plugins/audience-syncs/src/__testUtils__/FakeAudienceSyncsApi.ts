import {
  Audience,
  AudienceSync,
  CreateSyncRequest,
  Destination,
  DestinationFieldSchema,
  DestinationObject,
  HealthResponse,
  MemberTimeline,
  MemberTimelineSync,
  Page,
  SyncActivity,
  SyncActivityAction,
  FirstRunProjection,
  NextRunPlan,
  SyncDryRunResponse,
  SyncEditDryRunResponse,
  SyncMutationResponse,
  SyncRun,
  SyncRunDetail,
  SyncRunError,
  SyncRunErrorGroup,
  SyncVerification,
  UpdateSyncRequest,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceSyncsApi,
  ListAudiencesRequest,
  ListSyncsRequest,
  PageRequest,
} from '../api';
import { responseError } from './responseError';

function page<T>(items: T[], request: PageRequest = {}): Page<T> {
  const limit = request.limit ?? 50;
  const offset = request.offset ?? 0;
  return {
    items: items.slice(offset, offset + limit),
    totalCount: items.length,
    limit,
    offset,
  };
}

/**
 * An in-memory Audience Syncs backend for component tests: it keeps state like the real one (pausing pauses,
 * running queues a run, deleting deletes) so a test can check what the page shows after an action. Spy on a
 * method to check what was sent, or make it fail with `responseError`.
 */
export class FakeAudienceSyncsApi implements AudienceSyncsApi {
  audiences: Audience[];
  destinations: Destination[];
  objects: Record<string, DestinationObject[]>;
  /** Each destination's described fields (any object); without an entry, those its capabilities declare. */
  fields: Record<string, DestinationFieldSchema>;
  syncs: AudienceSync[];
  /** Newest first, as the backend lists them. */
  runs: SyncRun[];
  runErrors: Record<number, SyncRunError[]>;
  /** Each run's errors by code; without an entry, its `runErrors` grouped by code (each counts its samples). */
  runErrorSummaries: Record<number, SyncRunErrorGroup[]>;
  /** What each verify run found, by run id. */
  verifications: Record<number, SyncVerification> = {};
  /** Newest first; pausing, resuming, editing, running and approving add to it as the backend does. */
  activity: SyncActivity[];
  /**
   * What each sync holds of each member, by audience id: one entry per member and sync. A search finds an
   * entry by member key, or by identifier as sent (lower-cased, as the test CRM sends emails).
   */
  memberTimelines: Record<string, MemberTimelineSync[]> = {};
  /** Who the fake records as the actor of changes. */
  actor = 'user:default/tester';
  /** Warnings `updateSync` answers with. */
  updateWarnings: string[] = [];
  /** Warnings `dryRunCreateSync` answers with. */
  dryRunWarnings: string[] = [];
  /** The first run `dryRunCreateSync` projects; by default, every member of the audience sendable. */
  firstRun?: FirstRunProjection;
  /** The next run `dryRunUpdateSync` announces; by default, one with nothing to send. */
  nextRunPlan: NextRunPlan = {
    evaluationId: 1,
    audienceMembers: 0,
    ledgerMembers: 0,
    ledgerReset: false,
    adds: 0,
    removes: 0,
    updates: 0,
    rekeyed: 0,
    heldForApproval: null,
  };
  /** What `previewResync` answers; by default, nothing to send. */
  resyncPlan: NextRunPlan = {
    evaluationId: 1,
    audienceMembers: 0,
    ledgerMembers: 0,
    ledgerReset: true,
    adds: 0,
    removes: 0,
    updates: 0,
    rekeyed: 0,
    heldForApproval: null,
  };

  constructor(
    data: {
      audiences?: Audience[];
      destinations?: Destination[];
      objects?: Record<string, DestinationObject[]>;
      fields?: Record<string, DestinationFieldSchema>;
      syncs?: AudienceSync[];
      runs?: SyncRun[];
      runErrors?: Record<number, SyncRunError[]>;
      runErrorSummaries?: Record<number, SyncRunErrorGroup[]>;
      activity?: SyncActivity[];
    } = {},
  ) {
    this.audiences = data.audiences ?? [];
    this.destinations = data.destinations ?? [];
    this.objects = data.objects ?? {};
    this.fields = data.fields ?? {};
    this.syncs = data.syncs ?? [];
    this.runs = data.runs ?? [];
    this.runErrors = data.runErrors ?? {};
    this.runErrorSummaries = data.runErrorSummaries ?? {};
    this.activity = data.activity ?? [];
  }

  async getHealth(): Promise<HealthResponse> {
    return { status: 'ok' };
  }

  async listAudiences(request: ListAudiencesRequest = {}) {
    const search = request.search?.toLocaleLowerCase('en-US');
    return page(
      this.audiences.filter(
        a => !search || a.name.toLocaleLowerCase('en-US').includes(search),
      ),
      request,
    );
  }

  async getAudience(audienceId: string) {
    const audience = this.audiences.find(a => a.id === audienceId);
    if (!audience) {
      throw await responseError(
        404,
        'NotFoundError',
        `No audience '${audienceId}'`,
      );
    }
    return audience;
  }

  async listDestinations() {
    return this.destinations;
  }

  async getDestination(destinationId: string) {
    const destination = this.destinations.find(d => d.id === destinationId);
    if (!destination) {
      throw await responseError(
        404,
        'NotFoundError',
        `No destination '${destinationId}'`,
      );
    }
    return destination;
  }

  async listDestinationObjects(destinationId: string) {
    return this.objects[destinationId] ?? [];
  }

  async describeDestinationFields(
    destinationId: string,
    _object: { id: string } | { create: { name: string } },
  ): Promise<DestinationFieldSchema> {
    const destination = await this.getDestination(destinationId);
    const described = this.fields[destinationId];
    if (described) return described;
    // Without described fields, what the server answers from the capabilities alone.
    const declared = destination.capabilities.additionalFields;
    if (declared === 'any') return { acceptsAnyField: true };
    return {
      acceptsAnyField: false,
      fields: (declared === 'none' ? [] : declared).map(f => ({
        name: f.field,
        label: f.label,
        type: 'string',
        required: false,
      })),
    };
  }

  async createDestinationObject(destinationId: string, name: string) {
    const object = { id: `new-${name}`, name };
    this.objects[destinationId] = [
      ...(this.objects[destinationId] ?? []),
      object,
    ];
    return object;
  }

  /** Like the server, each listed sync comes with its newest run. */
  async listSyncs(request: ListSyncsRequest = {}) {
    const search = request.search?.toLocaleLowerCase('en-US');
    const latestRun = (syncId: string) =>
      this.runs
        .filter(r => r.syncId === syncId)
        .reduce<SyncRun | null>(
          (newest, r) => (newest && newest.id > r.id ? newest : r),
          null,
        );
    const listed = page(
      this.syncs.filter(
        s =>
          (!request.status || s.status === request.status) &&
          (!request.audienceId || s.audienceId === request.audienceId) &&
          (!request.destinationId ||
            s.destinationId === request.destinationId) &&
          (!search ||
            s.name.toLocaleLowerCase('en-US').includes(search) ||
            s.object.name.toLocaleLowerCase('en-US').includes(search)),
      ),
      request,
    );
    return {
      ...listed,
      items: listed.items.map(s => ({ ...s, latestRun: latestRun(s.id) })),
    };
  }

  async getSync(syncId: string) {
    const sync = this.syncs.find(s => s.id === syncId);
    if (!sync) {
      throw await responseError(
        404,
        'NotFoundError',
        `No audience sync '${syncId}'`,
      );
    }
    return sync;
  }

  async createSync(request: CreateSyncRequest): Promise<SyncMutationResponse> {
    throw await responseError(
      400,
      'InputError',
      `audienceId: the fake does not create syncs (${request.audienceId})`,
    );
  }

  /**
   * Accepts any request whose audience and destination exist (the server's other checks are not repeated
   * here); make it fail with `responseError` to show a refusal.
   */
  async dryRunCreateSync(
    request: CreateSyncRequest,
  ): Promise<SyncDryRunResponse> {
    const audience = await this.getAudience(request.audienceId);
    const destination = await this.getDestination(request.destinationId);
    let object: SyncDryRunResponse['sync']['object'];
    if ('create' in request.object) {
      object = request.object;
    } else {
      const { id } = request.object;
      object = this.objects[destination.id]?.find(o => o.id === id) ?? {
        id,
        name: id,
      };
    }
    return {
      dryRun: true,
      sync: {
        name: `${audience.name} → ${destination.name}`,
        audienceId: audience.id,
        destinationId: destination.id,
        object,
        mode: request.mode ?? 'mirror',
        identifier: request.identifier,
        fieldMappings: request.fieldMappings ?? [],
        schedule: request.schedule,
        status: 'active',
        owner: 'user:default/guest',
        createdBy: 'user:default/guest',
        createdAt: '2026-12-01T10:00:00.000Z',
        updatedBy: 'user:default/guest',
        updatedAt: '2026-12-01T10:00:00.000Z',
        lastSyncedAt: null,
        nextRunAt: null,
      },
      warnings: this.dryRunWarnings,
      firstRun: this.firstRun ?? {
        evaluationId: 1,
        audienceMembers: audience.memberCount ?? 0,
        sendable: audience.memberCount ?? 0,
        unsendable: [],
      },
    };
  }

  /** Answers `nextRunPlan` for an existing sync; make it fail with `responseError` to show a refusal. */
  async dryRunUpdateSync(
    syncId: string,
    request: UpdateSyncRequest,
  ): Promise<SyncEditDryRunResponse> {
    const current = await this.getSync(syncId);
    const { version: _, ...edit } = request;
    return {
      dryRun: true,
      changes: Object.entries(edit).map(([field, to]) => ({
        field,
        from: current[field as keyof AudienceSync] ?? null,
        to,
      })),
      warnings: [],
      nextRun: this.nextRunPlan,
    };
  }

  async updateSync(
    syncId: string,
    request: UpdateSyncRequest,
  ): Promise<SyncMutationResponse> {
    const current = await this.getSync(syncId);
    if (request.version !== undefined && request.version !== current.version) {
      throw await responseError(
        409,
        'ConflictError',
        `This sync was changed by ${current.updatedBy} at ${current.updatedAt} (it is now ${current.status}); reload it to see the changes`,
      );
    }
    const object =
      request.object && 'create' in request.object
        ? await this.createDestinationObject(
            current.destinationId,
            request.object.create.name,
          )
        : this.objects[current.destinationId]?.find(
            o =>
              request.object &&
              'id' in request.object &&
              o.id === request.object.id,
          ) ?? current.object;
    const updated: AudienceSync = {
      ...current,
      mode: request.mode ?? current.mode,
      object,
      fieldMappings: request.fieldMappings ?? current.fieldMappings,
      schedule: request.schedule ?? current.schedule,
      updatedAt: '2026-12-01T10:00:00.000Z',
      version: current.version + 1,
    };
    this.#replace(updated);
    const changes = (['mode', 'schedule', 'fieldMappings'] as const)
      .filter(
        field =>
          JSON.stringify(current[field]) !== JSON.stringify(updated[field]),
      )
      .map(field => ({ field, from: current[field], to: updated[field] }));
    this.#record(syncId, 'edited', { changes });
    return { sync: updated, warnings: this.updateWarnings };
  }

  async pauseSync(syncId: string) {
    const current = await this.getSync(syncId);
    const paused: AudienceSync = {
      ...current,
      status: 'paused',
      nextRunAt: null,
      version: current.version + 1,
    };
    this.#replace(paused);
    this.runs = this.runs.map(r =>
      r.syncId === syncId && (r.status === 'queued' || r.status === 'held')
        ? { ...r, status: 'cancelled' }
        : r,
    );
    this.#record(syncId, 'paused');
    return paused;
  }

  async resumeSync(syncId: string) {
    const current = await this.getSync(syncId);
    const resumed: AudienceSync = {
      ...current,
      status: 'active',
      nextRunAt: '2026-12-02T00:00:00.000Z',
      version: current.version + 1,
    };
    this.#replace(resumed);
    this.#record(syncId, 'resumed');
    return resumed;
  }

  async runSyncNow(syncId: string) {
    return this.#queueRun(syncId, 'sync', 'run-requested');
  }

  async verifySync(syncId: string) {
    return this.#queueRun(syncId, 'verify', 'verify-requested');
  }

  async repairSync(syncId: string) {
    return this.#queueRun(syncId, 'repair', 'repair-requested');
  }

  /** Answers `resyncPlan` for an existing sync. */
  async previewResync(syncId: string): Promise<NextRunPlan> {
    await this.getSync(syncId);
    return this.resyncPlan;
  }

  async resyncSync(syncId: string) {
    return this.#queueRun(syncId, 'resync', 'resync-requested');
  }

  async #queueRun(
    syncId: string,
    kind: SyncRun['kind'],
    action: SyncActivityAction,
  ): Promise<SyncRun> {
    await this.getSync(syncId);
    const run: SyncRun = {
      id: Math.max(0, ...this.runs.map(r => r.id)) + 1,
      syncId,
      trigger: 'manual',
      kind,
      status: 'queued',
      evaluationId: null,
      planned: { adds: 0, removes: 0, updates: 0 },
      sent: 0,
      succeeded: 0,
      failed: 0,
      invalid: 0,
      queuedAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      error: null,
    };
    this.runs = [run, ...this.runs];
    this.#record(syncId, action, { runId: run.id });
    return run;
  }

  async approveRun(syncId: string, runId: number) {
    const run = this.runs.find(r => r.syncId === syncId && r.id === runId);
    if (!run || run.status !== 'held') {
      throw await responseError(
        409,
        'ConflictError',
        `Run ${runId} is ${run?.status}; only a held run can be approved`,
      );
    }
    const queued: SyncRun = { ...run, status: 'queued' };
    this.updateRun(queued);
    this.#record(syncId, 'run-approved', { runId });
    return queued;
  }

  async deleteSync(syncId: string) {
    await this.getSync(syncId);
    this.syncs = this.syncs.filter(s => s.id !== syncId);
  }

  async listRuns(syncId: string, request: PageRequest = {}) {
    return page(
      this.runs.filter(r => r.syncId === syncId),
      request,
    );
  }

  async listActivity(syncId: string, request: PageRequest = {}) {
    return page(
      this.activity.filter(a => a.syncId === syncId),
      request,
    );
  }

  #record(
    syncId: string,
    action: SyncActivityAction,
    details: Partial<Pick<SyncActivity, 'changes' | 'runId'>> = {},
  ) {
    const entry: SyncActivity = {
      id: Math.max(0, ...this.activity.map(a => a.id)) + 1,
      syncId,
      at: new Date().toISOString(),
      actor: this.actor,
      action,
      changes: details.changes ?? null,
      runId: details.runId ?? null,
    };
    this.activity = [entry, ...this.activity];
  }

  async getRun(syncId: string, runId: number): Promise<SyncRunDetail> {
    const run = this.runs.find(r => r.syncId === syncId && r.id === runId);
    if (!run) {
      throw await responseError(
        404,
        'NotFoundError',
        `No run ${runId} of audience sync '${syncId}'`,
      );
    }
    const errors = this.runErrors[runId] ?? [];
    return {
      ...run,
      errors,
      errorSummary: this.runErrorSummaries[runId] ?? groupSamplesByCode(errors),
      verification: this.verifications[runId] ?? null,
    };
  }

  async getMemberTimeline(
    audienceId: string,
    query: string,
  ): Promise<MemberTimeline> {
    const q = query.trim();
    if (!q) {
      throw await responseError(400, 'InputError', 'q: must not be empty');
    }
    const entries = this.memberTimelines[audienceId] ?? [];
    const matches = (entry: MemberTimelineSync) =>
      entry.memberKeys.includes(q) ||
      [...entry.ledger, ...entry.history].some(
        step => step.identifier === q.toLocaleLowerCase('en-US'),
      );
    return {
      audienceId,
      query: q,
      evaluationId: 1,
      syncs: this.syncs
        .filter(sync => sync.audienceId === audienceId)
        .map(
          sync =>
            entries.find(e => e.syncId === sync.id && matches(e)) ?? {
              syncId: sync.id,
              syncName: sync.name,
              destinationId: sync.destinationId,
              memberKeys: [],
              inSnapshot: false,
              ledger: [],
              history: [],
            },
        ),
    };
  }

  /** Replaces a run, as the engine does while it works. */
  updateRun(run: SyncRun) {
    this.runs = this.runs.map(r => (r.id === run.id ? run : r));
  }

  #replace(sync: AudienceSync) {
    this.syncs = this.syncs.map(s => (s.id === sync.id ? sync : s));
  }
}

/** Sample rows grouped by code, most first, as a run whose every error was sampled is summarised. */
function groupSamplesByCode(errors: SyncRunError[]): SyncRunErrorGroup[] {
  const groups = new Map<string, SyncRunErrorGroup>();
  for (const error of errors) {
    const group = groups.get(error.code) ?? {
      code: error.code,
      count: 0,
      samples: [],
    };
    group.count += 1;
    group.samples.push(error);
    groups.set(error.code, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
