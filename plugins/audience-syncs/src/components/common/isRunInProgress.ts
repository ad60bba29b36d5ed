import { RunStatus } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** Runs that are waiting for or doing work, so their page keeps polling. */
export function isRunInProgress(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}
