import { SyncRunError } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { summarizeRunErrors } from './summarizeRunErrors';

const sample = (memberKey: string, code: string): SyncRunError => ({
  memberKey,
  operation: 'add',
  code,
  message: `${memberKey} failed`,
  retryable: false,
});

describe('summarizeRunErrors', () => {
  it('puts each sample row under its code, keeping the counts of every row', () => {
    const samples = [
      sample('u1', 'invalid_email'),
      sample('u2', 'rejected'),
      sample('u3', 'invalid_email'),
    ];
    expect(
      summarizeRunErrors(
        [
          { code: 'rejected', count: 40 },
          { code: 'invalid_email', count: 12 },
          { code: 'missing_identifier', count: 12 },
        ],
        samples,
      ),
    ).toEqual([
      { code: 'rejected', count: 40, samples: [samples[1]] },
      { code: 'invalid_email', count: 12, samples: [samples[0], samples[2]] },
      { code: 'missing_identifier', count: 12, samples: [] },
    ]);
  });

  it('counts the sampled rows of a code that has no count, as a run recorded before counting began', () => {
    const samples = [
      sample('u1', 'invalid_email'),
      sample('u2', 'invalid_email'),
    ];
    expect(summarizeRunErrors([], samples)).toEqual([
      { code: 'invalid_email', count: 2, samples },
    ]);
  });

  it('is empty for a run without row errors', () => {
    expect(summarizeRunErrors([], [])).toEqual([]);
  });
});
