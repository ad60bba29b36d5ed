import { startTestBackend } from '@backstage/backend-test-utils';
import { audienceSyncsDestinationsExtensionPoint } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { contactListsConnector } from './contactListsConnector';
import { audienceSyncsModuleContactLists } from './module';

describe('audienceSyncsModuleContactLists', () => {
  it('adds the contact-lists connector through the destinations extension point', async () => {
    const addDestinationConnector = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [audienceSyncsDestinationsExtensionPoint, { addDestinationConnector }],
      ],
      features: [audienceSyncsModuleContactLists],
    });
    expect(addDestinationConnector).toHaveBeenCalledWith(contactListsConnector);
    expect(contactListsConnector).toMatchObject({
      type: 'contact-lists',
      label: 'Contact Lists',
      secretKeys: ['apiKey'],
    });
  });
});
