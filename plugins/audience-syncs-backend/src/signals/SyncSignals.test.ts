import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { SyncSignals } from './SyncSignals';

function recordingSignals(now: () => number) {
  const published: SignalPayload[] = [];
  const signals = SyncSignals.create({
    signals: {
      async publish(signal: SignalPayload) {
        published.push(signal);
      },
    },
    logger: mockServices.logger.mock(),
    now,
  });
  const changes = () => published.map(s => s.message.change);
  return { signals, published, changes };
}

describe('SyncSignals', () => {
  it('signals a running run’s progress at most once a second', () => {
    let clock = 0;
    const { signals, changes } = recordingSignals(() => clock);
    signals.run('s1', 7, 'run-started');
    for (clock = 0; clock < 2_500; clock += 50) signals.progress('s1', 7);
    signals.run('s1', 7, 'run-finished');
    expect(changes()).toEqual([
      'run-started',
      'run-progress',
      'run-progress',
      'run-finished',
    ]);
  });

  it('throttles each run on its own, and a run that ended starts afresh', () => {
    let clock = 0;
    const { signals, published } = recordingSignals(() => clock);
    signals.progress('s1', 1);
    signals.progress('s2', 2);
    signals.progress('s1', 1);
    expect(published.map(s => s.message.runId)).toEqual([1, 2]);
    signals.run('s1', 1, 'run-held');
    clock += 10;
    signals.progress('s1', 1);
    expect(published.map(s => s.message)).toEqual([
      { syncId: 's1', runId: 1, change: 'run-progress' },
      { syncId: 's2', runId: 2, change: 'run-progress' },
      { syncId: 's1', runId: 1, change: 'run-held' },
      { syncId: 's1', runId: 1, change: 'run-progress' },
    ]);
  });

  it('logs a signal that cannot be delivered instead of failing the change', async () => {
    const logger = mockServices.logger.mock();
    const signals = SyncSignals.create({
      signals: {
        publish: async () => {
          throw new Error('signals backend unreachable');
        },
      },
      logger,
    });
    expect(() => signals.sync('s1', 'updated')).not.toThrow();
    await new Promise(r => setImmediate(r));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not signal updated of sync s1'),
    );
  });
});
