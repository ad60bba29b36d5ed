// Runs the plugin alone in a dev app (`yarn start` in this folder) against a backend on :7007.
import { createDevApp } from '@backstage/frontend-dev-utils';
import audienceSyncsPlugin from '../src/alpha';

createDevApp({ features: [audienceSyncsPlugin] });
