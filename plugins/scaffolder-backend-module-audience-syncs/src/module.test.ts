import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleAudienceSyncs } from './module';

describe('scaffolderModuleAudienceSyncs', () => {
  it('adds the audience-syncs:create action, which supports dry runs', async () => {
    const actions: TemplateAction<any, any>[] = [];

    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...added: TemplateAction<any, any>[]) =>
              actions.push(...added),
          },
        ],
      ],
      features: [
        scaffolderModuleAudienceSyncs,
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });

    expect(actions.map(a => [a.id, a.supportsDryRun])).toEqual([
      ['audience-syncs:create', true],
    ]);
  });
});
