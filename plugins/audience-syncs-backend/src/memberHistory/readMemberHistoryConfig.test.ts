import { ConfigReader } from '@backstage/config';
import { readMemberHistoryConfig } from './readMemberHistoryConfig';

const read = (memberHistory: unknown) =>
  readMemberHistoryConfig(
    new ConfigReader({ audienceSyncs: { memberHistory } } as any),
  );

describe('readMemberHistoryConfig', () => {
  it('defaults to recording, kept 90 days', () => {
    expect(readMemberHistoryConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      retentionDays: 90,
    });
    expect(read({ retentionDays: 7 })).toEqual({
      enabled: true,
      retentionDays: 7,
    });
  });

  it('reads values, also as the strings environment substitutions give', () => {
    expect(read({ enabled: false, retentionDays: '14' })).toEqual({
      enabled: false,
      retentionDays: 14,
    });
    expect(read({ enabled: 'false' }).enabled).toBe(false);
  });

  it('names the key of a bad value', () => {
    expect(() => read({ retentionDays: 0 })).toThrow(
      'audienceSyncs.memberHistory.retentionDays: must be a whole number of days, at least 1, got 0',
    );
    expect(() => read({ retentionDays: 1.5 })).toThrow(
      'audienceSyncs.memberHistory.retentionDays',
    );
    expect(() => read({ enabled: 'yes' })).toThrow(
      'audienceSyncs.memberHistory.enabled: must be true or false, got "yes"',
    );
  });
});
