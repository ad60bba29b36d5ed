import { loadConfigSchema } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import { builtInConnectors } from './builtInConnectors';

/** `{ a: { b: value } }` for the path `a.b`. */
function atPath(path: string, value: string): JsonObject {
  return path
    .split('.')
    .reduceRight<JsonObject | string>(
      (inner, key) => ({ [key]: inner }),
      value,
    ) as JsonObject;
}

describe('builtInConnectors', () => {
  it('declare only secret settings that config.d.ts marks secret, so Backstage redacts them from logs too', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@signalsmith/backstage-plugin-audience-syncs-backend'],
    });
    const unmarked: string[] = [];
    for (const connector of builtInConnectors()) {
      expect(connector.secretKeys?.length).toBeGreaterThan(0);
      for (const key of connector.secretKeys ?? []) {
        const value = `value-of-${key}`;
        const secretsOnly = schema.process(
          [
            {
              context: 'test',
              data: {
                audienceSyncs: {
                  destinations: [
                    {
                      id: 'd',
                      type: connector.type,
                      name: 'D',
                      owner: 'group:default/team',
                      settings: atPath(key, value),
                    },
                  ],
                },
              },
            },
          ],
          { visibility: ['secret'], ignoreSchemaErrors: true },
        );
        if (!JSON.stringify(secretsOnly).includes(value)) {
          unmarked.push(`${connector.type}: ${key}`);
        }
      }
    }
    expect(unmarked).toEqual([]);
  });
});
