import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import audienceSyncsPlugin, {
  audienceSyncsScaffolderModule,
} from '@signalsmith/backstage-plugin-audience-syncs/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [
    catalogPlugin,
    scaffolderPlugin,
    audienceSyncsPlugin,
    audienceSyncsScaffolderModule,
    navModule,
  ],
});
