import { DatabaseTarget } from '../db/DatabaseTarget';
import { MemoryPeaks } from '../engine/sampleMemory';
import { WarehouseTarget } from './WarehouseTarget';

/**
 * What the evaluation child evaluates: into a snapshot in `store` (the whole evaluation), or, without a
 * store, only the audience source's member stream (the reader and its row mapping, every member counted).
 */
export interface EvaluationRunInput {
  warehouse: WarehouseTarget;
  store?: DatabaseTarget;
}

export interface EvaluationRunResult {
  ms: number;
  status: string;
  memberCount: number | null;
  error: string | null;
  rssBeforeRunBytes: number;
  peakRssBytes: number;
  peaks: MemoryPeaks;
}

/** The bare read: the same SELECT, streamed by the driver, each row only counted. */
export interface BareReadInput {
  warehouse: WarehouseTarget;
}

export interface BareReadResult {
  ms: number;
  rows: number;
  peakRssBytes: number;
}
