import type { RateLimit } from '@internal/destination-emulators';
import { DatabaseTarget } from '../db/DatabaseTarget';
import { BenchDestination } from '../engine/createBenchEngine';
import { MemoryPeaks } from '../engine/sampleMemory';

/** What a sync-run child needs: the data set's database, its sync, and the destination to send to. */
export interface SyncRunInput {
  target: DatabaseTarget;
  syncId: string;
  destination: BenchDestination;
  /** Replaces the request budget the destination's client declares (see withRateLimit). */
  rateLimit?: RateLimit;
  /** Whether the run records the member history; default: it does. */
  memberHistory?: boolean;
}

/** What a sync-run child measured. */
export interface SyncRunResult {
  ms: number;
  status: string;
  sent: number;
  succeeded: number;
  failed: number;
  invalid: number;
  error: string | null;
  /** RSS once the engine is assembled, before the run starts. */
  rssBeforeRunBytes: number;
  /** The process's high-water RSS (`peakRssBytes`): the run's peak, generation excluded. */
  peakRssBytes: number;
  /** Sampled peaks of the V8 heap and of memory outside it, to tell what the RSS peak is made of. */
  peaks: MemoryPeaks;
}
