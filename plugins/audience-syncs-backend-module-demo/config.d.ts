export interface Config {
  audienceSyncs?: {
    /**
     * The demo module: a generated warehouse, demo audiences over it and one demo destination of each
     * built-in type at the loopback vendor emulators.
     */
    demo?: {
      /** Default true; false leaves the demo out while the module stays installed. */
      enabled?: boolean;
      /**
       * Knex configuration of the demo warehouse (any Knex client), required unless `enabled` is false.
       * Its `customers` table is generated when missing; the demo audiences query it.
       */
      warehouse?: {
        client: string;
        /**
         * Connection settings; may hold credentials.
         * @deepVisibility secret
         */
        connection: { [key: string]: unknown } | string;
      };
      /**
       * Knex configuration of the database the demo warehouse-table destination writes membership to,
       * required unless `enabled` is false.
       */
      activationDatabase?: {
        client: string;
        /**
         * Connection settings; may hold credentials.
         * @deepVisibility secret
         */
        connection: { [key: string]: unknown } | string;
      };
      /**
       * Base URLs of the vendor emulators the demo destinations send to. Defaults: the fixed loopback
       * ports `scripts/start.sh` starts them on (webhook sink 7077, Facebook 7101, Google 7102,
       * Salesforce 7103, HubSpot 7104, Braze 7105, Mailchimp 7106).
       */
      emulators?: {
        webhook?: string;
        facebook?: string;
        google?: string;
        salesforce?: string;
        hubspot?: string;
        braze?: string;
        mailchimp?: string;
      };
    };
  };
}
