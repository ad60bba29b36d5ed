import { aRun, aSync } from '../../__testUtils__/fixtures';
import { syncsNeedingAttention } from './syncsNeedingAttention';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');

describe('syncsNeedingAttention', () => {
  it('lists held, errored, failing and late syncs, in that order, and leaves healthy ones out', () => {
    const healthy = aSync({
      id: 'healthy',
      nextRunAt: '2026-12-02T00:00:00.000Z',
      latestRun: aRun(),
    });
    const late = aSync({
      id: 'late',
      nextRunAt: '2026-12-01T11:00:00.000Z',
      latestRun: aRun(),
    });
    const justDue = aSync({
      id: 'just-due',
      nextRunAt: '2026-12-01T11:55:00.000Z',
      latestRun: aRun(),
    });
    const queuedLate = aSync({
      id: 'queued',
      nextRunAt: '2026-12-01T11:00:00.000Z',
      latestRun: aRun({ status: 'queued' }),
    });
    const pausedLate = aSync({
      id: 'paused',
      status: 'paused',
      nextRunAt: '2026-12-01T11:00:00.000Z',
    });
    const held = aSync({
      id: 'held',
      latestRun: aRun({
        id: 9,
        status: 'held',
        planned: { adds: 0, removes: 1204, updates: 0 },
      }),
      nextRunAt: '2026-12-02T00:00:00.000Z',
    });
    const errored = aSync({
      id: 'errored',
      status: 'errored',
      latestRun: aRun({ status: 'failed', error: 'Token revoked' }),
    });
    const partial = aSync({
      id: 'partial',
      nextRunAt: '2026-12-02T00:00:00.000Z',
      latestRun: aRun({ id: 4, status: 'partial', failed: 12 }),
    });

    const items = syncsNeedingAttention(
      [healthy, late, justDue, queuedLate, pausedLate, partial, errored, held],
      NOW,
    );

    expect(items.map(i => [i.sync.id, i.reason])).toEqual([
      ['held', 'Run #9 is held for approval: it would remove 1,204 members'],
      ['errored', 'Errored after failed runs: Token revoked'],
      ['partial', 'Run #4 partly failed (12 rows rejected)'],
      ['late', 'Its scheduled run has not started'],
    ]);
    expect(items[3].since).toBe('2026-12-01T11:00:00.000Z');
  });
});
