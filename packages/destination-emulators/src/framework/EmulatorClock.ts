/**
 * The emulator's time: wall-clock time plus an offset that tests move forward, so waiting out an hourly
 * quota or a "retry in 1 minute" takes no real time.
 */
export class EmulatorClock {
  #offsetMs = 0;

  static create() {
    return new EmulatorClock();
  }

  private constructor() {}

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advanceMs: must be a number of milliseconds >= 0`);
    }
    this.#offsetMs += ms;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  reset(): void {
    this.#offsetMs = 0;
  }
}
