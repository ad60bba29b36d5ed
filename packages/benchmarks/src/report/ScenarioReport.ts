import { Scenario } from '../options/BenchOptions';

/** Whether a case met its target; `info` cases have none. */
export type Verdict = 'pass' | 'miss' | 'info' | 'skipped';

/** One scenario's table (what is printed) and its measurements (what goes into the JSON file). */
export interface ScenarioReport {
  scenario: Scenario;
  title: string;
  target: string;
  columns: string[];
  rows: string[][];
  /** Why a case was skipped or missed, and how the numbers were taken. */
  notes: string[];
  data: unknown[];
}
