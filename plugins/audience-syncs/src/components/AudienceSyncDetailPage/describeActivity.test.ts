import { SyncActivity } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { describeActivity } from './describeActivity';

const entry = (overrides: Partial<SyncActivity>): SyncActivity => ({
  id: 1,
  syncId: 's1',
  at: '2026-12-01T10:00:00.000Z',
  actor: 'user:default/jane',
  action: 'created',
  changes: null,
  runId: null,
  ...overrides,
});

describe('describeActivity', () => {
  it('names what an edit changed, with short values where they say something', () => {
    expect(
      describeActivity(
        entry({
          action: 'edited',
          changes: [
            { field: 'mode', from: 'additive', to: 'mirror' },
            {
              field: 'schedule',
              from: { type: 'daily' },
              to: { type: 'cron', cron: '0 9 * * 1-5' },
            },
            {
              field: 'fieldMappings',
              from: [],
              to: [{ source: { kind: 'trait', name: 'ltv' } }],
            },
            {
              field: 'object',
              from: { id: 'a', name: 'Old list' },
              to: { id: 'b', name: 'New list' },
            },
            { field: 'removalGuard', from: null, to: { maxShare: 0.1 } },
          ],
        }),
      ),
    ).toBe(
      'changed mode (Additive → Mirror), schedule (Daily → cron 0 9 * * 1-5), field mappings (0 mappings → 1 mapping), object (Old list → New list), removal guard',
    );
  });

  it('says what each other action did, naming its run', () => {
    expect(
      [
        entry({ action: 'created' }),
        entry({ action: 'paused' }),
        entry({ action: 'resumed' }),
        entry({ action: 'run-requested', runId: 12 }),
        entry({ action: 'run-approved', runId: 12 }),
        entry({ action: 'edited', changes: [] }),
      ].map(describeActivity),
    ).toEqual([
      'created the sync',
      'paused the sync',
      'resumed the sync',
      'started run #12',
      'approved held run #12',
      'saved the sync without changes',
    ]);
  });
});
