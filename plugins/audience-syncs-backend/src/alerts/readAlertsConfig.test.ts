import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { DEFAULT_ALERTS_CONFIG, readAlertsConfig } from './readAlertsConfig';

const read = (alerts: JsonValue) =>
  readAlertsConfig(new ConfigReader({ audienceSyncs: { alerts } }));

describe('readAlertsConfig', () => {
  it('defaults to 5% invalid members, a 50% swing and a 15 minute grace', () => {
    expect(readAlertsConfig(new ConfigReader({}))).toEqual({
      invalidShare: 0.05,
      rowCountSwing: 0.5,
      missedRunGraceMs: 15 * 60_000,
    });
    expect(read({})).toEqual(DEFAULT_ALERTS_CONFIG);
  });

  it('reads shares (numbers or numeric strings) and the grace as a duration', () => {
    expect(
      read({ invalidShare: '0.1', rowCountSwing: 1, missedRunGrace: '30m' }),
    ).toEqual({
      invalidShare: 0.1,
      rowCountSwing: 1,
      missedRunGraceMs: 30 * 60_000,
    });
    expect(read({ missedRunGrace: { hours: 1 } }).missedRunGraceMs).toBe(
      3_600_000,
    );
    expect(read({ missedRunGrace: 'PT90S' }).missedRunGraceMs).toBe(90_000);
  });

  it.each([
    [
      { invalidShare: 0 },
      /audienceSyncs\.alerts\.invalidShare: must be more than 0 and at most 1, got 0/,
    ],
    [
      { rowCountSwing: 'lots' },
      /audienceSyncs\.alerts\.rowCountSwing: must be more than 0/,
    ],
    [{ missedRunGrace: 'soon' }, /audienceSyncs\.alerts\.missedRunGrace/],
    [{ missedRunGrace: '10ms' }, /missedRunGrace: must be at least 1 second/],
  ])('stops the backend at %j, naming the key', (alerts, message) => {
    expect(() => read(alerts)).toThrow(message);
  });
});
