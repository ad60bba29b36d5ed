/*
 * One replica of the multi-process test: the real engine on the shared PostgreSQL database with the real
 * HubSpot connector, sending to the emulator in the test process over real sockets, its budgets in the
 * database (`shared`) or in this process (`process`). It prints `start <runId> <pid>` and
 * `end <runId> <pid>` for every execution and ticks until SIGTERM. It loads no test utilities, so it
 * starts fast.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { createStores } from '../database/AudienceSyncsStores';
import { RateBudgetStore } from '../database/RateBudgetStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { hubSpotConnector } from '../destinations/hubspot/hubSpotConnector';
import { createSyncEngine } from '../engine/createSyncEngine';
import { RateBudgets } from '../engine/RateBudgets';
import { sleep } from '../engine/RateLimiter';

const write = (level: string) => (message: string) => {
  process.stderr.write(`${level} ${message}\n`);
};
const stderrLogger: LoggerService = {
  error: write('error'),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => stderrLogger,
};

async function main() {
  const [database, url, budgetMode, requestsPerTenSeconds] =
    process.argv.slice(2);
  const knex = knexFactory(JSON.parse(database));
  const budgets =
    budgetMode === 'shared'
      ? RateBudgets.shared(RateBudgetStore.create({ knex }))
      : RateBudgets.inProcess();
  const destinations = await DestinationRegistry.fromConfig(
    new ConfigReader({
      audienceSyncs: {
        destinations: [
          {
            id: 'hubspot',
            type: 'hubspot',
            name: 'HubSpot',
            owner: 'group:default/crm',
            settings: {
              baseUrl: url,
              accessToken: 'hubspot-test-token',
              requestsPerTenSeconds: Number(requestsPerTenSeconds),
            },
          },
        ],
      },
    }),
    { connectors: [hubSpotConnector], logger: stderrLogger, budgets },
  );
  const { dispatcher } = createSyncEngine({
    stores: createStores(knex),
    destinations,
    budgets,
    logger: stderrLogger,
    instanceId: `replica-${process.pid}`,
    config: {
      leaseMs: 3_000,
      heartbeatMs: 1_000,
      concurrentRuns: 4,
      retry: { baseDelayMs: 50, maxDelayMs: 500 },
      removalGuard: { maxShare: 1, minRemovals: 0 },
    },
    wrapExecutor: executor => ({
      execute: async (runId, lease, signal) => {
        process.stdout.write(`start ${runId} ${process.pid}\n`);
        await executor.execute(runId, lease, signal);
        process.stdout.write(`end ${runId} ${process.pid}\n`);
      },
    }),
  });
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
  });
  process.stdout.write(`ready ${process.pid}\n`);
  while (!stopping) {
    await dispatcher.tick();
    await sleep(200);
  }
  await dispatcher.stop();
  await knex.destroy();
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
