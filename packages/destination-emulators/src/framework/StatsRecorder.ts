import { EmulatorStats } from './types';

type Counter = Exclude<keyof EmulatorStats, 'byStatus' | 'pendingChanges'>;

/** Counts what an emulator answered, for `/__control/stats`. */
export class StatsRecorder {
  #counts: Record<Counter, number> = emptyCounts();
  #byStatus: Record<string, number> = {};

  static create() {
    return new StatsRecorder();
  }

  private constructor() {}

  count(counter: Counter): void {
    this.#counts[counter] += 1;
  }

  status(status: number): void {
    this.#byStatus[status] = (this.#byStatus[status] ?? 0) + 1;
  }

  snapshot(pendingChanges: number): EmulatorStats {
    return {
      ...this.#counts,
      byStatus: { ...this.#byStatus },
      pendingChanges,
    };
  }

  reset(): void {
    this.#counts = emptyCounts();
    this.#byStatus = {};
  }
}

function emptyCounts(): Record<Counter, number> {
  return {
    requests: 0,
    throttled: 0,
    rejectedByLimit: 0,
    injectedErrors: 0,
    timedOut: 0,
    tokensIssued: 0,
  };
}
