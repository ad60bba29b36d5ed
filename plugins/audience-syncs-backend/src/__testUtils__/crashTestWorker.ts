/*
 * The process the crash test kills: the real engine on a SQLite file with the real webhook connector,
 * sending to a receiver in the test process, dispatching until the sync has no queued or running run.
 * It loads no test utilities, so it starts fast.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { createStores } from '../database/AudienceSyncsStores';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { webhookConnector } from '../destinations/webhook/webhookConnector';
import { createSyncEngine } from '../engine/createSyncEngine';
import { createInstanceId } from '../engine/instanceId';

const write = (level: string) => (message: string) => {
  process.stderr.write(`${level} ${message}\n`);
};
const stderrLogger: LoggerService = {
  error: write('error'),
  warn: write('warn'),
  info: () => {},
  debug: () => {},
  child: () => stderrLogger,
};

async function main() {
  const [filename, url, syncId] = process.argv.slice(2);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  const destinations = await DestinationRegistry.fromConfig(
    new ConfigReader({
      audienceSyncs: {
        destinations: [
          {
            id: 'crm',
            type: 'webhook',
            name: 'CRM',
            owner: 'group:default/crm',
            settings: {
              url,
              signingSecret: 'crash-test-0123456789abcdef0123456',
              batchSize: 5,
              objects: [{ id: 'list-1', name: 'Customers' }],
            },
          },
        ],
      },
    }),
    { connectors: [webhookConnector], logger: stderrLogger },
  );
  const stores = createStores(knex);
  const { dispatcher } = createSyncEngine({
    stores,
    destinations,
    logger: stderrLogger,
    instanceId: createInstanceId(),
    config: {
      // Far longer than the test waits: a restarted worker must recognise its dead predecessor's runs.
      leaseMs: 60_000,
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      removalGuard: { maxShare: 1, minRemovals: 0 },
    },
  });
  for (;;) {
    await dispatcher.tick();
    await dispatcher.idle();
    const open = await stores.runs.findOpenRun(syncId);
    if (!open || open.status === 'held') break;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  await knex.destroy();
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
