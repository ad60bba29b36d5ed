import { Scenario } from '../options/BenchOptions';
import { ScenarioReport } from './ScenarioReport';

/** A scenario that could not finish still gets a table, saying why, so the others' results stand. */
export function failedReport(
  scenario: Scenario,
  error: unknown,
): ScenarioReport {
  const message =
    error instanceof Error ? error.stack ?? error.message : String(error);
  return {
    scenario,
    title: `${scenario}: failed`,
    target: '—',
    columns: ['Error'],
    rows: [[message.split('\n')[0]]],
    notes: [],
    data: [{ error: message }],
  };
}
