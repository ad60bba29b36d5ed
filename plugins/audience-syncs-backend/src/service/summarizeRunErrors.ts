import {
  SyncRunError,
  SyncRunErrorGroup,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RunErrorCount } from '../database/RunErrorCountStore';

/**
 * A run's row errors by code: the counts of every row, each with the sample rows of its code, most
 * frequent first. A run recorded before its rows were counted has only its sample, so a code that only
 * the sample knows counts its sampled rows.
 */
export function summarizeRunErrors(
  counts: RunErrorCount[],
  samples: SyncRunError[],
): SyncRunErrorGroup[] {
  const groups = new Map<string, SyncRunErrorGroup>(
    counts.map(({ code, count }) => [code, { code, count, samples: [] }]),
  );
  for (const sample of samples) {
    const group = groups.get(sample.code) ?? {
      code: sample.code,
      count: 0,
      samples: [],
    };
    group.samples.push(sample);
    groups.set(sample.code, group);
  }
  const summary = [...groups.values()].map(group => ({
    ...group,
    count: Math.max(group.count, group.samples.length),
  }));
  return summary.sort(
    (a, b) => b.count - a.count || (a.code < b.code ? -1 : 1),
  );
}
