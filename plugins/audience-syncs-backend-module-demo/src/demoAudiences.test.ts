import {
  KEBAB_CASE_ID,
  scheduleSchema,
  scheduleProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SqlAudienceSource } from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory from 'knex';
import { DEMO_AUDIENCES } from './demoAudiences';
import { generateDemoWarehouse } from './generateDemoWarehouse';

jest.setTimeout(60_000);

describe('the demo audiences', () => {
  it('are valid and evaluate on the demo warehouse, one of them empty', async () => {
    const audiences = DEMO_AUDIENCES;
    expect(audiences.length).toBeGreaterThanOrEqual(6);
    // The rules `audienceSyncs.audiences` is held to.
    expect(new Set(audiences.map(a => a.id)).size).toBe(audiences.length);
    for (const audience of audiences) {
      expect(audience.id).toMatch(KEBAB_CASE_ID);
      expect(audience.entityKeys).toContain(audience.memberKey);
      for (const column of [...audience.traits, ...audience.attributes]) {
        expect(column).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }
      expect(
        scheduleSchema.safeParse(audience.evaluationSchedule).success,
      ).toBe(true);
      expect(scheduleProblems(audience.evaluationSchedule)).toEqual([]);
    }

    const warehouse = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await generateDemoWarehouse(warehouse);
    const source = SqlAudienceSource.create({
      id: 'demo',
      warehouse,
      audiences,
    });
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
