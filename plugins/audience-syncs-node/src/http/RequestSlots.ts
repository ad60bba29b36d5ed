/**
 * Slots for requests to a vendor that limits how many are open at once: `run` holds one for the whole of
 * `task`. The plugin hands connectors slots shared by every replica of the backend.
 *
 * @public
 */
export interface RequestSlots {
  /** Runs `task` once a slot is free; gives up waiting (not running) when `signal` aborts. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}
