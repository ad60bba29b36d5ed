import { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Mirror an audience into an existing Facebook Custom Audience every day, starting with a run right away',
    example: `steps:
  - id: create
    name: Create audience sync
    action: audience-syncs:create
    input:
      audienceId: high-value-customers
      destinationId: facebook-ads
      object:
        id: '23850000000000001'
      mode: mirror
      identifier:
        entityKey: email
        field: EMAIL
      schedule:
        type: daily
      runNow: true
`,
  },
  {
    description:
      'Create a new Google Ads Customer Match list in the same step and add members to it hourly, never removing any',
    example: `steps:
  - id: create
    name: Create audience sync
    action: audience-syncs:create
    input:
      name: Recent purchasers (all-time list)
      audienceId: recent-purchasers
      destinationId: google-ads
      object:
        create:
          name: Recent Purchasers
      mode: additive
      identifier:
        entityKey: email
        field: emailAddress
      schedule:
        type: hourly
`,
  },
  {
    description:
      'Sync to a Salesforce campaign with additional fields, on weekday mornings Berlin time',
    example: `steps:
  - id: create
    name: Create audience sync
    action: audience-syncs:create
    input:
      audienceId: lapsed-customers
      destinationId: salesforce
      object:
        id: 701000000000001AAA
      identifier:
        entityKey: email
        field: Email
      fieldMappings:
        - source:
            kind: trait
            name: lifetime_value
          destinationField: Customer_Value__c
        - source:
            kind: attribute
            name: plan_type
          destinationField: Subscription_Plan__c
      schedule:
        type: cron
        cron: '0 9 * * 1-5'
        timezone: Europe/Berlin
      owner: group:default/crm-team
`,
  },
];
