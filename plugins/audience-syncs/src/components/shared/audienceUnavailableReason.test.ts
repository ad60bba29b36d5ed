import { anAudience } from '../../__testUtils__/fixtures';
import { audienceUnavailableReason } from './audienceUnavailableReason';

const evaluation = {
  id: 3,
  audienceId: 'high-value-customers',
  startedAt: '2026-11-30T06:00:00.000Z',
  finishedAt: null,
  memberCount: null,
};

describe('audienceUnavailableReason', () => {
  it('accepts an evaluated audience with members', () => {
    expect(audienceUnavailableReason(anAudience())).toBeUndefined();
    expect(
      audienceUnavailableReason(anAudience({ memberCount: 1 })),
    ).toBeUndefined();
  });

  it('refuses an audience without members', () => {
    expect(audienceUnavailableReason(anAudience({ memberCount: 0 }))).toBe(
      'No members',
    );
  });

  it('refuses an audience that was never evaluated successfully, saying what its evaluation is doing', () => {
    expect(
      audienceUnavailableReason(
        anAudience({ memberCount: null, lastEvaluatedAt: null }),
      ),
    ).toBe('Not evaluated yet');
    expect(
      audienceUnavailableReason(
        anAudience({
          memberCount: null,
          lastEvaluation: { ...evaluation, status: 'running', error: null },
        }),
      ),
    ).toBe('Not evaluated yet: the first evaluation is running');
    expect(
      audienceUnavailableReason(
        anAudience({
          memberCount: null,
          lastEvaluation: {
            ...evaluation,
            status: 'failed',
            error: 'no such table: customers',
          },
        }),
      ),
    ).toBe(
      'Not evaluated yet: the last evaluation failed (no such table: customers)',
    );
  });
});
