import { startWebhookSinkEmulator } from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { webhookConnector } from './webhookConnector';

const SECRET = 'conformance-webhook-secret-0123456789';
const MAX_ROWS = 50;

describeConnectorConformance('Webhook', {
  connector: webhookConnector,
  startEmulator: () =>
    startWebhookSinkEmulator({ signingSecret: SECRET, maxRows: MAX_ROWS }),
  settings: emulator => ({
    url: `${emulator.url}/hooks/audience`,
    signingSecret: SECRET,
    batchSize: MAX_ROWS,
    objects: [{ id: 'newsletter', name: 'Newsletter' }],
  }),
  wrongCredentials: {
    settings: emulator => ({
      url: `${emulator.url}/hooks/audience`,
      signingSecret: 'not-the-receivers-secret-0123456789',
      batchSize: MAX_ROWS,
    }),
    setting: 'signingSecret',
    secret: 'not-the-receivers-secret-0123456789',
  },
  identifier: { entityKey: 'email', field: 'email' },
  member: i => ({
    memberKey: `member-${i}`,
    keys: { email: ` member.${i}@example.com ` },
    fields: {},
  }),
  // The receiver refuses an email identifier that is not an email address.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `not-an-email-${i}`,
    fields: {},
  }),
  object: { id: 'newsletter', name: 'Newsletter' },
  objectsFromSettings: true,
});
