import { ConfigReader } from '@backstage/config';
import {
  DestinationClient,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { readPages } from '../__testUtils__/readPages';
import { expectRejection } from '../__testUtils__/expectRejection';
import { scrubbingClient } from './scrubbingClient';

const SECRET = 'sk_live_5f2b9c';
const VIP = { id: 'vip', name: 'VIP' };
const target = (object = VIP): SyncTarget => ({
  object,
  identifier: { entityKey: 'email', field: 'email' },
  fieldMappings: [],
});

async function connect(readMembers: boolean): Promise<DestinationClient> {
  const connector = new InMemoryDestinationConnector({
    type: 'module-connector',
    label: 'A module connector',
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'List',
      identifierFields: [
        {
          field: 'email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: 'none',
      canCreateObjects: false,
      batchSize: 500,
    },
    objects: [VIP],
    readMembers,
  });
  return connector.connect({
    id: 'd',
    type: connector.type,
    name: connector.label,
    owner: 'group:default/marketing',
    settings: new ConfigReader({ apiKey: SECRET }),
  });
}

describe('scrubbingClient readMembers', () => {
  it('passes the pages through as the client reads them', async () => {
    const client = await connect(true);
    const rows = Array.from({ length: 150 }, (_, i) => ({
      memberKey: `m${i}`,
      identifier: `member${String(i).padStart(3, '0')}@example.com`,
      fields: {},
    }));
    await client.applyBatch({ operation: 'add', target: target(), rows });
    const pages = await readPages(scrubbingClient(client, [SECRET]), target());
    expect(pages.map(p => p.length)).toEqual([100, 50]);
    expect(pages.flat()).toEqual(rows.map(r => r.identifier));
  });

  it("scrubs the destination's secrets from an error a read throws", async () => {
    const client = await connect(true);
    // This connector names the object in its error: here the name carries the key.
    const error = await expectRejection(
      readPages(
        scrubbingClient(client, [SECRET]),
        target({ id: `lists?key=${SECRET}`, name: 'Leaky' }),
      ),
      Error,
      [SECRET],
    );
    expect(error.message).toContain('lists?key=');
  });

  it('reads nothing back for a client that cannot', async () => {
    const client = await connect(false);
    expect(scrubbingClient(client, [SECRET]).readMembers).toBe(undefined);
  });
});
