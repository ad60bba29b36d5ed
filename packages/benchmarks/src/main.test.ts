import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `yarn bench` from a clean state at toy sizes: every scenario runs end to end (data generation, child
 * processes, emulators, both databases when PostgreSQL is there), prints its table and writes the JSON
 * file. The figures at these sizes mean nothing; that the command works on a fresh clone does.
 */
describe('yarn bench', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('runs every scenario, prints a table for each and writes the results', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        join(__dirname, 'main.ts'),
        '--sizes',
        '2k,4k',
        '--runs',
        '1',
        '--vendor',
        'hubspot',
        '--ceiling-seconds',
        '2',
        '--hash-count',
        '20k',
        '--out',
        outDir,
      ],
      { encoding: 'utf8', timeout: 420_000 },
    );

    expect(run.stderr).not.toMatch(/failed:/);
    expect(run.status).toBe(0);
    for (const title of [
      '### Plan',
      '### Memory',
      '### Throughput',
      '### Rate ceilings',
      '### Hashing',
      '### Evaluation',
    ]) {
      expect(run.stdout).toContain(title);
    }
    const [file] = readdirSync(outDir).filter(f => f.endsWith('.json'));
    const results = JSON.parse(readFileSync(join(outDir, file), 'utf8'));
    const byScenario = Object.fromEntries(
      results.reports.map((r: { scenario: string }) => [r.scenario, r]),
    );
    expect(Object.keys(byScenario).sort()).toEqual([
      'ceilings',
      'evaluation',
      'hashing',
      'memory',
      'plan',
      'throughput',
    ]);
    const databases = process.env
      .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
      ? 2
      : 1;
    // Each size on each database; the plan itself checks it found exactly the generated churn.
    expect(byScenario.plan.data).toHaveLength(2 * databases);
    expect(byScenario.memory.data).toHaveLength(2 * databases);
    expect(byScenario.throughput.data).toHaveLength(2 * databases);
    const [hubspot] = byScenario.ceilings.data;
    expect(hubspot.vendor).toBe('hubspot');
    expect(hubspot.throttledShare.median).toBe(0);
    expect(
      byScenario.hashing.data.map((c: { kind: string }) => c.kind),
    ).toEqual([
      'email',
      'phone (US national)',
      'phone (IT national)',
      'phone (+1 international)',
      'phone with extension',
    ]);
    // Each size on each warehouse; MariaDB's snapshots go to PostgreSQL.
    const warehouses = [
      'sqlite',
      ...(databases === 2 ? ['pg'] : []),
      ...(databases === 2 &&
      process.env.AUDIENCE_SYNCS_TEST_MYSQL_CONNECTION_STRING
        ? ['mariadb']
        : []),
    ];
    expect(
      byScenario.evaluation.data.map(
        (c: { warehouse: string; size: number }) => `${c.warehouse} ${c.size}`,
      ),
    ).toEqual(warehouses.flatMap(w => [`${w} 2000`, `${w} 4000`]));
  }, 480_000);
});
