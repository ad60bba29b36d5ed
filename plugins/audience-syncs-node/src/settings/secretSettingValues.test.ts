import { ConfigReader } from '@backstage/config';
import { secretSettingValues } from './secretSettingValues';

describe('secretSettingValues', () => {
  it('reads text values under top-level and dotted keys, trimmed as well', () => {
    const settings = new ConfigReader({
      apiKey: ' key-1 ',
      connection: { host: 'db.internal', password: 'pw-2' },
      batchSize: 100,
    });
    expect(
      secretSettingValues(settings, [
        'apiKey',
        'connection',
        'connection.password',
        'batchSize',
        'missing',
      ]).sort(),
    ).toEqual([' key-1 ', 'key-1', 'pw-2']);
  });

  it('takes the password of a URL apart as well, decoded', () => {
    const settings = new ConfigReader({
      connection: 'postgres://app:p%40ss@db.internal/warehouse',
    });
    expect(
      secretSettingValues(settings, ['connection', 'connection.password']),
    ).toEqual([
      'postgres://app:p%40ss@db.internal/warehouse',
      'p%40ss',
      'p@ss',
    ]);
  });
});
