import { ApiHolder } from '@backstage/core-plugin-api';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../../api';

/** The Audience Syncs API for a field's validation function, which gets the app's `apiHolder`, not hooks. */
export function audienceSyncsApiFrom(apiHolder: ApiHolder): AudienceSyncsApi {
  const api = apiHolder.get(audienceSyncsApiRef);
  if (!api) {
    // The scaffolder shows a thrown error as the field's validation error.
    throw new Error(
      'The Audience Syncs API is not installed in this app; add the audience-syncs plugin',
    );
  }
  return api;
}
