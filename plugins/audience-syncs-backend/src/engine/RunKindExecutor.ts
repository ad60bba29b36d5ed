import { RunKind } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Lease } from '../database/Lease';
import { RunStore } from '../database/RunStore';
import { RunExecutor } from './SyncDispatcher';

/** Hands each claimed run to the executor of its kind: a sync sends the diff, a verify reads back. */
export class RunKindExecutor implements RunExecutor {
  readonly #runs: RunStore;
  readonly #executors: Record<RunKind, RunExecutor>;

  static create(options: {
    runs: RunStore;
    executors: Record<RunKind, RunExecutor>;
  }) {
    return new RunKindExecutor(options.runs, options.executors);
  }

  private constructor(runs: RunStore, executors: Record<RunKind, RunExecutor>) {
    this.#runs = runs;
    this.#executors = executors;
  }

  async execute(runId: number, lease: Lease, signal: AbortSignal) {
    const run = await this.#runs.getRun(lease.syncId, runId);
    await this.#executors[run?.kind ?? 'sync'].execute(runId, lease, signal);
  }
}
