import { JsonObject } from '@backstage/types';
import type {
  RateLimit,
  RunningEmulator,
} from '@internal/destination-emulators';

/** How the ceiling scenario drives one vendor: its emulator, its destination settings, its budget. */
export interface VendorProfile {
  name: string;
  label: string;
  /** The destination type of the vendor's connector. */
  connectorType: string;
  /** The vendor's documented budget, as the emulator enforces it by default; null when it has none. */
  documentedLimit: RateLimit | null;
  /** What the documented limit is, in the vendor's words. */
  limitText: string;
  /**
   * Factor the documented rate is sped up by: 1, except for budgets too slow to measure in seconds
   * (Salesforce's daily allocation is one request per 5.8 s).
   */
  speedup: number;
  /** The vendor's most rows per request, to size the data before the client says its batch size. */
  maxBatch: number;
  /** The sync's identifier field at the vendor. */
  identifierField: string;
  /** Names the object the sync fills, among those the client lists. */
  objectName: string;
  /** Starts the emulator ready for `members` generated members (some vendors must know them). */
  start(members: number): Promise<RunningEmulator>;
  settings(emulator: RunningEmulator): JsonObject;
}
