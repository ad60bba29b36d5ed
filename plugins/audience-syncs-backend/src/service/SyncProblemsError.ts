import { InputError } from '@backstage/errors';
import {
  formatProblems,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * A refused request with every problem found in it. Its message lists them all; the router answers it as a
 * 400 whose body also carries the problems themselves (`syncProblemsErrorHandler`).
 */
export class SyncProblemsError extends InputError {
  readonly problems: SyncProblem[];

  constructor(problems: SyncProblem[]) {
    super(formatProblems(problems));
    this.problems = problems;
  }
}
