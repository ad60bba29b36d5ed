import { BatchCommit } from './BatchCommit';

/** What a batch's send came to: the ledger commit for what the destination acknowledged, or a failure. */
export interface BatchOutcome {
  commit?: BatchCommit;
  /** The run cannot go on; `commit` still records the batch's counters. */
  failure?: Error;
}

/**
 * Keeps up to `size` batches of one run between "sent" and "committed". A slot frees only once its
 * batch's acknowledgement is in the ledger, so a crash re-sends at most `size` batches (adds and removes
 * resend safely) and unacknowledged rows never reach the ledger. Acknowledgements that arrive while a
 * commit is running are committed together in one transaction: the store's per-transaction cost is paid
 * once per group instead of once per batch when the destination answers faster than the store commits.
 * The first failure stops the window: later submissions throw it, and `drain` does once all in flight
 * settled.
 */
export class BatchWindow {
  readonly #size: number;
  readonly #commit: (commit: BatchCommit) => Promise<void>;
  readonly #inFlight = new Set<Promise<void>>();
  #pending: Array<{ commit: BatchCommit; done: () => void }> = [];
  #committing: Promise<void> | undefined;
  #failure: Error | undefined;

  static create(options: {
    size: number;
    commit: (commit: BatchCommit) => Promise<void>;
  }) {
    return new BatchWindow(options.size, options.commit);
  }

  private constructor(
    size: number,
    commit: (commit: BatchCommit) => Promise<void>,
  ) {
    this.#size = Math.max(1, size);
    this.#commit = commit;
  }

  /** Starts `send` once a slot is free; resolves when it started, not when it is committed. */
  async submit(send: () => Promise<BatchOutcome>): Promise<void> {
    while (this.#inFlight.size >= this.#size) {
      await Promise.race(this.#inFlight);
    }
    this.#throwIfFailed();
    const slot: Promise<void> = send()
      .then(
        async outcome => {
          if (outcome.failure) this.#fail(outcome.failure);
          if (outcome.commit) await this.#enqueue(outcome.commit);
        },
        error => this.#fail(error),
      )
      .finally(() => this.#inFlight.delete(slot));
    this.#inFlight.add(slot);
  }

  /** Records a change that needs no send (invalid rows, ledger refreshes) in commit order. */
  async record(commit: BatchCommit): Promise<void> {
    this.#throwIfFailed();
    await this.#enqueue(commit);
    this.#throwIfFailed();
  }

  /** Waits until everything submitted is committed (or failed); throws the first failure. */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) {
      await Promise.race(this.#inFlight);
    }
    await this.#committing;
    this.#throwIfFailed();
  }

  #enqueue(commit: BatchCommit): Promise<void> {
    return new Promise(done => {
      this.#pending.push({ commit, done });
      this.#committing ??= this.#commitPending();
    });
  }

  async #commitPending(): Promise<void> {
    while (this.#pending.length > 0) {
      // One turn of the event loop first: answers already received join this group (with a synchronous
      // driver such as better-sqlite3 they would otherwise be committed one transaction each).
      await new Promise(resolve => setImmediate(resolve));
      const group = this.#pending;
      this.#pending = [];
      try {
        // Acknowledged batches are committed even after another batch failed: they reached the vendor.
        await this.#commit(mergeCommits(group.map(g => g.commit)));
      } catch (error) {
        this.#fail(error as Error);
      } finally {
        group.forEach(g => g.done());
      }
    }
    this.#committing = undefined;
  }

  #fail(error: Error) {
    this.#failure ??= error;
  }

  #throwIfFailed() {
    if (this.#failure) throw this.#failure;
  }
}

function mergeCommits(commits: BatchCommit[]): BatchCommit {
  if (commits.length === 1) return commits[0];
  const sum = (key: keyof BatchCommit['counters']) =>
    commits.reduce((total, c) => total + c.counters[key], 0);
  return {
    upserts: commits.flatMap(c => c.upserts),
    deletes: commits.flatMap(c => c.deletes),
    counters: {
      sent: sum('sent'),
      succeeded: sum('succeeded'),
      failed: sum('failed'),
      invalid: sum('invalid'),
    },
    errors: commits.flatMap(c => c.errors),
    history: commits.flatMap(c => c.history ?? []),
  };
}
