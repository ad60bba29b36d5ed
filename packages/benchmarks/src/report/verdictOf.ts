import { Verdict } from './ScenarioReport';

/** `pass` or `miss` by whether the target was met; `info` for a case no target covers. */
export function verdictOf(met: boolean, covered = true): Verdict {
  if (!covered) return 'info';
  return met ? 'pass' : 'miss';
}
