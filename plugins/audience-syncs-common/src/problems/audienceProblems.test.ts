import { anAudience } from '../__testUtils__/fixtures';
import { audienceProblems } from './audienceProblems';

const evaluation = {
  id: 3,
  audienceId: 'high-value-customers',
  startedAt: '2026-11-30T06:00:00.000Z',
  finishedAt: null,
  memberCount: null,
};

const problemOf = (audience = anAudience()) =>
  audienceProblems(audience.id, audience);

describe('audienceProblems', () => {
  it('accepts an evaluated audience with members', () => {
    expect(problemOf()).toEqual([]);
    expect(problemOf(anAudience({ memberCount: 1 }))).toEqual([]);
  });

  it('refuses an audience that does not exist', () => {
    expect(audienceProblems('nope', undefined)).toEqual([
      {
        field: 'audienceId',
        code: 'audience_not_found',
        message: "no audience 'nope' exists",
      },
    ]);
  });

  it('refuses an audience without members', () => {
    expect(problemOf(anAudience({ memberCount: 0 }))).toEqual([
      {
        field: 'audienceId',
        code: 'audience_empty',
        message:
          "audience 'High value customers' has no members; a sync needs at least one",
      },
    ]);
  });

  it('refuses an audience that was never evaluated successfully, saying what its evaluation is doing', () => {
    const notEvaluated = (message: string) => [
      { field: 'audienceId', code: 'audience_not_evaluated', message },
    ];
    expect(
      problemOf(anAudience({ memberCount: null, lastEvaluatedAt: null })),
    ).toEqual(
      notEvaluated(
        "audience 'High value customers' has not been evaluated successfully yet",
      ),
    );
    expect(
      problemOf(
        anAudience({
          memberCount: null,
          lastEvaluation: { ...evaluation, status: 'running', error: null },
        }),
      ),
    ).toEqual(
      notEvaluated(
        "audience 'High value customers' has not been evaluated successfully yet (its first evaluation is running)",
      ),
    );
    expect(
      problemOf(
        anAudience({
          memberCount: null,
          lastEvaluation: {
            ...evaluation,
            status: 'failed',
            error: 'no such table: customers',
          },
        }),
      ),
    ).toEqual(
      notEvaluated(
        "audience 'High value customers' has not been evaluated successfully yet (last evaluation failed: no such table: customers)",
      ),
    );
  });
});
