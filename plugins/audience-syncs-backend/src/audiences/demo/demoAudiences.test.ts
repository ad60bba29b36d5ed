import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readSqlAudiencesConfig } from '../readSqlAudiencesConfig';
import { SqlAudienceSource } from '../SqlAudienceSource';
import { generateDemoWarehouse } from './generateDemoWarehouse';

jest.setTimeout(60_000);

describe('the demo audiences of the embedded default', () => {
  it('are valid and evaluate on the demo warehouse, one of them empty', async () => {
    const appConfig = parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../../../app-config.yaml'),
        'utf8',
      ),
    );
    const audiences = readSqlAudiencesConfig(new ConfigReader(appConfig));
    expect(audiences.length).toBeGreaterThanOrEqual(6);

    const warehouse = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await generateDemoWarehouse(warehouse);
    const source = SqlAudienceSource.fromKnex(warehouse, audiences);
    const sizes: Record<string, number> = {};
    for (const audience of audiences) {
      const keys = new Set<string>();
      for await (const member of source.evaluate(audience.id))
        keys.add(member.memberKey);
      sizes[audience.id] = keys.size;
    }
    await warehouse.destroy();

    const empty = Object.entries(sizes).filter(([, n]) => n === 0);
    expect(empty.map(([id]) => id)).toEqual(['enterprise-trials-antarctica']);
    expect(sizes['high-value-customers']).toBeGreaterThan(1000);
    expect(Math.max(...Object.values(sizes))).toBeLessThan(60_000);
  });
});
