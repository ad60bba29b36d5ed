import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  APP_BASE_URL,
  startAudienceSyncsBackend,
} from '../__testUtils__/startAudienceSyncsBackend';
import { createAudienceSyncAction } from './createAudienceSyncAction';

jest.setTimeout(60_000);

type Action = ReturnType<typeof createAudienceSyncAction>;
type Context = Parameters<Action['handler']>[0];
/** What the step outputs, by name. */
interface StepOutputs {
  syncId: string;
  syncUrl: string;
  syncName: string;
  warnings: string[];
  runId: number;
}

const validInput = {
  audienceId: 'loyal-customers',
  destinationId: 'marketing-webhook',
  object: { id: 'newsletter' },
  identifier: { entityKey: 'email', field: 'email' },
  schedule: { type: 'daily' },
};

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('Expected the step to fail');
    },
    error => error,
  );
}

describe('audience-syncs:create', () => {
  let backend: Awaited<ReturnType<typeof startAudienceSyncsBackend>>;
  let action: Action;

  /** Runs the step as the scaffolder would; `input` is what the template rendered. */
  const runStep = async (input: object, context: Partial<Context> = {}) => {
    const ctx: Context = {
      ...createMockActionContext({ input: input as Context['input'] }),
      logger: mockServices.logger.mock(),
      ...context,
    };
    await action.handler(ctx);
    const outputs: Partial<StepOutputs> = Object.fromEntries(
      jest.mocked(ctx.output).mock.calls,
    );
    return { ctx, outputs };
  };
  const syncCount = async () => (await backend.api('/syncs')).totalCount;
  const objectNames = async (destinationId: string) =>
    (await backend.api(`/destinations/${destinationId}/objects`)).items.map(
      (o: { name: string }) => o.name,
    );

  beforeAll(async () => {
    backend = await startAudienceSyncsBackend();
    action = createAudienceSyncAction({
      audienceSyncs: backend.audienceSyncs,
      config: backend.config,
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  beforeEach(() => {
    backend.permission.decision = AuthorizeResult.ALLOW;
  });

  describe('creating', () => {
    it('creates the sync on behalf of the user running the template and queues its first run when asked', async () => {
      const { outputs } = await runStep(
        { ...validInput, name: 'Loyal newsletter', runNow: true },
        {
          getInitiatorCredentials: async () =>
            mockCredentials.user('user:default/alice'),
        },
      );

      expect(outputs).toEqual({
        syncId: expect.any(String),
        syncUrl: `${APP_BASE_URL}/audience-syncs/${outputs.syncId}`,
        syncName: 'Loyal newsletter',
        warnings: [],
        runId: expect.any(Number),
      });
      expect(await backend.api(`/syncs/${outputs.syncId}`)).toMatchObject({
        name: 'Loyal newsletter',
        audienceId: 'loyal-customers',
        destinationId: 'marketing-webhook',
        object: { id: 'newsletter', name: 'Newsletter' },
        mode: 'mirror',
        identifier: { entityKey: 'email', field: 'email' },
        fieldMappings: [],
        schedule: { type: 'daily' },
        status: 'active',
        owner: 'user:default/alice',
        createdBy: 'user:default/alice',
      });
      const runs = await backend.api(`/syncs/${outputs.syncId}/runs`);
      expect(runs.items).toEqual([
        expect.objectContaining({
          id: outputs.runId,
          trigger: 'initial',
          status: 'queued',
        }),
      ]);
    });

    it('leaves the first run to the schedule when not asked to run now', async () => {
      const { ctx, outputs } = await runStep(validInput);

      expect(outputs.runId).toBeUndefined();
      expect(outputs.syncName).toBe(
        'Loyal Customers → Marketing Webhook / Newsletter',
      );
      const sync = await backend.api(`/syncs/${outputs.syncId}`);
      expect(Date.parse(sync.nextRunAt)).toBeGreaterThan(Date.now());
      expect(ctx.logger.info).toHaveBeenCalledWith(
        `Its first run starts at ${sync.nextRunAt}`,
      );
      const runs = await backend.api(`/syncs/${outputs.syncId}/runs`);
      expect(runs.items).toEqual([]);
    });

    it('says when a manual sync runs', async () => {
      const { ctx, outputs } = await runStep({
        ...validInput,
        schedule: { type: 'manual' },
      });

      expect(outputs.runId).toBeUndefined();
      expect(ctx.logger.info).toHaveBeenCalledWith(
        'It runs when started from its page (manual schedule)',
      );
    });

    it('creates a new destination object with field mappings and a cron schedule', async () => {
      const { outputs } = await runStep({
        audienceId: 'loyal-customers',
        destinationId: 'activation-table',
        object: { create: { name: 'Loyal Lookalike' } },
        mode: 'additive',
        identifier: { entityKey: 'user_id', field: 'user_id' },
        fieldMappings: [
          {
            source: { kind: 'trait', name: 'lifetime_value' },
            destinationField: 'lifetime_value',
          },
          {
            source: { kind: 'attribute', name: 'plan_type' },
            destinationField: 'plan',
          },
        ],
        schedule: { type: 'cron', cron: '0 9 * * 1-5', timezone: 'UTC' },
      });

      expect(await backend.api(`/syncs/${outputs.syncId}`)).toMatchObject({
        object: { name: 'Loyal Lookalike' },
        mode: 'additive',
        fieldMappings: [
          { destinationField: 'lifetime_value' },
          { destinationField: 'plan' },
        ],
        schedule: { type: 'cron', cron: '0 9 * * 1-5', timezone: 'UTC' },
      });
      expect(await objectNames('activation-table')).toContain(
        'Loyal Lookalike',
      );
    });

    it('logs and outputs the warnings the sync was created with', async () => {
      const { ctx, outputs } = await runStep({
        ...validInput,
        schedule: { type: 'hourly' },
      });

      expect(outputs.syncId).toEqual(expect.any(String));
      expect(outputs.warnings).toEqual([
        expect.stringMatching(
          /^This sync runs more often \(hourly .*\) than the audience is evaluated \(daily/,
        ),
      ]);
      expect(ctx.logger.warn).toHaveBeenCalledWith(outputs.warnings?.[0]);
    });

    it('creates the sync once when a retried task replays the step', async () => {
      // Like the task state: values are stored as JSON, by key.
      const saved = new Map<string, string>();
      const checkpoint = async <T>(opts: {
        key: string;
        fn: () => Promise<T> | T;
      }): Promise<T> => {
        if (!saved.has(opts.key)) {
          saved.set(opts.key, JSON.stringify(await opts.fn()));
        }
        return JSON.parse(saved.get(opts.key)!);
      };
      const before = await syncCount();

      const first = await runStep(validInput, { checkpoint });
      const retry = await runStep(validInput, { checkpoint });

      expect(retry.outputs).toEqual(first.outputs);
      expect(await syncCount()).toBe(before + 1);
    });
  });

  describe('dry run', () => {
    it('validates everything, creates nothing, and outputs the name and warnings', async () => {
      const before = await syncCount();

      const { ctx, outputs } = await runStep(
        {
          ...validInput,
          destinationId: 'activation-table',
          object: { create: { name: 'Preview' } },
          identifier: { entityKey: 'user_id', field: 'user_id' },
          schedule: { type: 'hourly' },
          runNow: true,
        },
        { isDryRun: true },
      );

      expect(outputs).toEqual({
        syncName: 'Loyal Customers → Activation Table / Preview',
        warnings: [expect.stringMatching(/^This sync runs more often/)],
      });
      expect(ctx.logger.info).toHaveBeenCalledWith(
        "Dry run: would create 'Loyal Customers → Activation Table / Preview' (mirror: audience 'loyal-customers' to a new object 'Preview' of destination 'activation-table', schedule Hourly (UTC)); nothing was created",
      );
      expect(ctx.logger.warn).toHaveBeenCalledWith(outputs.warnings?.[0]);
      expect(await syncCount()).toBe(before);
      expect(await objectNames('activation-table')).not.toContain('Preview');
    });

    it('fails with the validation message, as creating would', async () => {
      const error = await rejectionOf(
        runStep({ ...validInput, object: { id: 'nope' } }, { isDryRun: true }),
      );
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(
        "object.id: destination 'Marketing Webhook' has no List 'nope'",
      );
    });
  });

  describe('fails the step with the backend message, creating nothing, when', () => {
    const cases: Array<[string, object, RegExp]> = [
      [
        'the audience does not exist',
        { audienceId: 'nope' },
        /^audienceId: no audience 'nope' exists$/,
      ],
      [
        'the audience was never evaluated successfully',
        { audienceId: 'broken-audience' },
        /^audienceId: audience 'Broken Audience' has not been evaluated successfully yet \(last evaluation failed: .*missing_table/,
      ],
      [
        'the audience has no members',
        { audienceId: 'empty-audience' },
        /^audienceId: audience 'Empty Audience' has no members; a sync needs at least one$/,
      ],
      [
        'the destination does not exist',
        { destinationId: 'nope' },
        /^destinationId: no destination 'nope' exists$/,
      ],
      [
        'the destination does not take audience syncs',
        { destinationId: 'product-analytics' },
        /^destinationId: destination 'Product Analytics' \(Webhook\) does not support audience syncs$/,
      ],
      [
        'the object does not exist',
        { object: { id: 'nope' } },
        /^object\.id: destination 'Marketing Webhook' has no List 'nope'$/,
      ],
      [
        'the destination does not let Backstage create objects',
        { object: { create: { name: 'VIP' } } },
        /^object\.create: destination 'Marketing Webhook' does not let Backstage create a List; create it in Webhook first, then select it$/,
      ],
      [
        'the audience lacks the entity key',
        { identifier: { entityKey: 'phone', field: 'phone' } },
        /^identifier\.entityKey: audience 'Loyal Customers' has no 'phone' key \(it has email, user_id\)$/,
      ],
      [
        'the destination does not offer the identifier field',
        { identifier: { entityKey: 'email', field: 'EMAIL' } },
        /^identifier\.field: destination 'Marketing Webhook' has no identifier field 'EMAIL' \(it offers email, phone, user_id, device_id\)$/,
      ],
      [
        'fields are mapped to a destination that takes identifiers only',
        {
          destinationId: 'facebook-ads',
          object: { create: { name: 'Loyal Lookalike' } },
          identifier: { entityKey: 'email', field: 'EMAIL' },
          fieldMappings: [
            {
              source: { kind: 'trait', name: 'lifetime_value' },
              destinationField: 'value',
            },
          ],
        },
        /^fieldMappings: destination 'Facebook Ads' \(Facebook Ads\) takes identifiers only, no additional fields$/,
      ],
      [
        'a mapped trait does not exist',
        {
          fieldMappings: [
            {
              source: { kind: 'trait', name: 'churn_score' },
              destinationField: 'churn',
            },
          ],
        },
        /^fieldMappings\[0\]\.source\.name: audience 'Loyal Customers' has no trait 'churn_score' \(traits: lifetime_value\)$/,
      ],
      [
        'the cron expression is invalid',
        { schedule: { type: 'cron', cron: '61 * * * *' } },
        /^schedule\.cron: '61 \* \* \* \*' is not a valid cron expression/,
      ],
      [
        'a cron schedule has no expression',
        { schedule: { type: 'cron' } },
        /^schedule\.cron: is required when the schedule type is cron$/,
      ],
      [
        'the time zone is unknown',
        { schedule: { type: 'daily', timezone: 'Mars/Olympus' } },
        /^schedule\.timezone: 'Mars\/Olympus' is not a known IANA time zone$/,
      ],
      [
        'there are several problems',
        { object: { id: 'nope' }, schedule: { type: 'weekly', timezone: 'X' } },
        /^object\.id: .*; schedule\.timezone: 'X' is not a known IANA time zone$/,
      ],
    ];

    it.each(cases)('%s', async (_case, change, message) => {
      const before = await syncCount();

      const error = await rejectionOf(runStep({ ...validInput, ...change }));

      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(message);
      expect(await syncCount()).toBe(before);
    });
  });

  describe('permissions', () => {
    it.each([
      ['creating', false],
      ['a dry run', true],
    ])(
      'fails %s with NotAllowedError when the user may not create syncs',
      async (_case, isDryRun) => {
        const before = await syncCount();
        backend.permission.decision = AuthorizeResult.DENY;

        const error = await rejectionOf(runStep(validInput, { isDryRun }));

        expect(error.name).toBe('NotAllowedError');
        expect(error.message).toBe('Not allowed to audience-sync.create');
        backend.permission.decision = AuthorizeResult.ALLOW;
        expect(await syncCount()).toBe(before);
      },
    );
  });
});
