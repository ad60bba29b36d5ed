import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The Audience Syncs entity provider: every audience and destination of the Audience Syncs backend as a
       * `Resource` entity (`spec.type` `audience` / `audience-destination`).
       */
      audienceSyncs?: {
        /**
         * Owner entity ref for audiences and destinations that name none; they normally carry their own.
         * Defaults to `unknown`.
         */
        owner?: string;
        /** `spec.lifecycle` of every entity. Defaults to `production`. */
        lifecycle?: string;
        /** Entity ref of the system the entities belong to, if any. */
        system?: string;
        /**
         * How often the whole set is re-read and replaced. Changes are also published as they happen.
         * Defaults to every 30 minutes, with a 3 minute timeout.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
