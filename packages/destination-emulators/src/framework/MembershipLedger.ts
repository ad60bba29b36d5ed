import { EmulatorClock } from './EmulatorClock';

export type MembershipChange = 'add' | 'remove';

interface PendingChange {
  objectId: string;
  change: MembershipChange;
  identifiers: string[];
  dueAt: number;
}

/**
 * The members of every emulated object, and the changes accepted but not applied yet: vendors that process
 * uploads asynchronously (Meta, Google) answer before the audience changes, so the ledger applies accepted
 * changes after `applyDelayMs`, or only on `flush` when that is null. Changes apply in the order accepted.
 * Adding a member twice or removing a non-member changes nothing, as at the vendors. Delays run on the
 * emulator's clock, so advancing it applies the changes that came due.
 */
export class MembershipLedger {
  readonly #members = new Map<string, Set<string>>();
  #pending: PendingChange[] = [];
  readonly #clock: EmulatorClock;
  readonly #applyDelayMs: number | null;
  #timer: NodeJS.Timeout | undefined;

  static create(options: {
    applyDelayMs: number | null;
    clock: EmulatorClock;
  }) {
    if (
      options.applyDelayMs !== null &&
      !(Number.isFinite(options.applyDelayMs) && options.applyDelayMs >= 0)
    ) {
      throw new RangeError(
        'applyDelayMs: must be a number of milliseconds >= 0, or null',
      );
    }
    return new MembershipLedger(options.applyDelayMs, options.clock);
  }

  private constructor(applyDelayMs: number | null, clock: EmulatorClock) {
    this.#applyDelayMs = applyDelayMs;
    this.#clock = clock;
  }

  /** Accepts a change; applies it at once when the delay is 0. */
  accept(
    objectId: string,
    change: MembershipChange,
    identifiers: string[],
  ): void {
    if (identifiers.length === 0) return;
    if (this.#applyDelayMs === 0) {
      this.#apply(objectId, change, identifiers);
      return;
    }
    this.#pending.push({
      objectId,
      change,
      identifiers: [...identifiers],
      dueAt:
        this.#applyDelayMs === null
          ? Infinity
          : this.#clock.now() + this.#applyDelayMs,
    });
    this.#schedule();
  }

  members(objectId: string): string[] {
    return [...(this.#members.get(objectId) ?? [])].sort();
  }

  has(objectId: string, identifier: string): boolean {
    return this.#members.get(objectId)?.has(identifier) ?? false;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  flush(): number {
    return this.#applyDue(Infinity);
  }

  /** Applies the changes due by the emulator's clock (after it was advanced). */
  applyDue(): number {
    return this.#applyDue(this.#clock.now());
  }

  reset(): void {
    this.#members.clear();
    this.#pending = [];
    this.#clearTimer();
  }

  /** Stops the timer of delayed changes; pending ones stay pending. */
  close(): void {
    this.#clearTimer();
  }

  #apply(objectId: string, change: MembershipChange, identifiers: string[]) {
    let members = this.#members.get(objectId);
    if (!members) {
      members = new Set();
      this.#members.set(objectId, members);
    }
    for (const identifier of identifiers) {
      if (change === 'add') members.add(identifier);
      else members.delete(identifier);
    }
  }

  #applyDue(now: number): number {
    let applied = 0;
    // In order, stopping at the first change not due, so a later remove never lands before an earlier add.
    while (this.#pending.length > 0 && this.#pending[0].dueAt <= now) {
      const next = this.#pending.shift()!;
      this.#apply(next.objectId, next.change, next.identifiers);
      applied += 1;
    }
    this.#schedule();
    return applied;
  }

  #schedule(): void {
    this.#clearTimer();
    const next = this.#pending[0];
    if (!next || next.dueAt === Infinity) return;
    this.#timer = setTimeout(
      () => this.applyDue(),
      Math.max(0, next.dueAt - this.#clock.now()),
    );
    this.#timer.unref();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
