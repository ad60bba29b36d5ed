import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  Audience,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
  AudienceSyncsCallOptions,
  AudienceSyncsService,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  aDestination,
  anAudience,
  demoAudiences,
  demoDestinations,
} from '../__testUtils__/fixtures';
import { AudienceSyncsEntityProvider } from './AudienceSyncsEntityProvider';

const TASK_ID = 'AudienceSyncsEntityProvider:refresh';
const locationKey = 'AudienceSyncsEntityProvider';

describe('AudienceSyncsEntityProvider', () => {
  let audiences: Audience[];
  let destinations: Destination[];
  let audienceSyncs: jest.Mocked<AudienceSyncsService>;
  let connection: jest.Mocked<EntityProviderConnection>;
  let scheduler: ReturnType<typeof mockServices.scheduler>;
  let events: ReturnType<typeof mockServices.events>;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let provider: AudienceSyncsEntityProvider;

  const names = (entities: Array<{ entity: { metadata: { name: string } } }>) =>
    entities.map(e => e.entity.metadata.name);
  const lastMutation = () => connection.applyMutation.mock.lastCall?.[0];
  const runSchedule = () => scheduler.triggerTask(TASK_ID);
  const announce = () =>
    events.publish({
      topic: AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
      eventPayload: { audienceIds: [], destinationIds: [] },
    });

  beforeEach(async () => {
    audiences = [...demoAudiences];
    destinations = [...demoDestinations];
    audienceSyncs = {
      listAudiences: jest.fn<Promise<Audience[]>, [AudienceSyncsCallOptions]>(
        async () => audiences,
      ),
      listDestinations: jest.fn<
        Promise<Destination[]>,
        [AudienceSyncsCallOptions]
      >(async () => destinations),
      createSync: jest.fn(),
      dryRunCreateSync: jest.fn(),
    };
    connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    scheduler = mockServices.scheduler();
    events = mockServices.events();
    logger = mockServices.logger.mock();
    jest.spyOn(scheduler, 'createScheduledTaskRunner');

    provider = AudienceSyncsEntityProvider.fromConfig(
      new ConfigReader({
        app: { baseUrl: 'http://localhost:3000' },
        catalog: { providers: { audienceSyncs: { lifecycle: 'production' } } },
      }),
      { logger, scheduler, auth: mockServices.auth(), events, audienceSyncs },
    );
    await provider.connect(connection);
  });

  it('replaces the whole set on its schedule, read with its own service credentials', async () => {
    expect(provider.getProviderName()).toBe(locationKey);
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 30 },
      timeout: { minutes: 3 },
    });

    await runSchedule();

    expect(audienceSyncs.listAudiences).toHaveBeenCalledWith({
      credentials: expect.objectContaining({
        principal: expect.objectContaining({ type: 'service' }),
      }),
    });
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const mutation = lastMutation();
    expect(mutation?.type).toBe('full');
    const entities = mutation?.type === 'full' ? mutation.entities : [];
    expect(names(entities)).toEqual([
      ...demoAudiences.map(a => `audience-${a.id}`),
      ...demoDestinations.map(d => `destination-${d.id}`),
    ]);
    expect(entities.every(e => e.locationKey === locationKey)).toBe(true);
  });

  it('applies a delta of what changed when the backend announces new definitions', async () => {
    await runSchedule();
    audiences = [
      ...audiences.filter(a => a.id !== 'lapsed-customers'),
      anAudience({ id: 'vip-churn-risk', name: 'VIP Churn Risk' }),
    ].map(a =>
      a.id === 'mobile-app-users' ? { ...a, name: 'Mobile App Users (EU)' } : a,
    );
    destinations = destinations.filter(d => d.id !== 'hubspot');

    await announce();

    expect(connection.applyMutation).toHaveBeenCalledTimes(2);
    const mutation = lastMutation();
    if (mutation?.type !== 'delta') throw new Error('expected a delta');
    expect(names(mutation.added)).toEqual([
      'audience-mobile-app-users',
      'audience-vip-churn-risk',
    ]);
    expect(mutation.added[0].entity.metadata.title).toBe(
      'Mobile App Users (EU)',
    );
    expect(mutation.removed).toEqual([
      { entityRef: 'resource:default/audience-lapsed-customers', locationKey },
      { entityRef: 'resource:default/destination-hubspot', locationKey },
    ]);
  });

  it('applies no delta when nothing the entities show changed', async () => {
    await runSchedule();
    audiences = audiences.map(a => ({ ...a, memberCount: 1 }));

    await announce();

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });

  it('diffs each delta against the one before', async () => {
    await runSchedule();
    destinations = [...destinations, aDestination({ id: 'tiktok-ads' })];
    await announce();
    destinations = destinations.filter(d => d.id !== 'tiktok-ads');
    await announce();

    const mutation = lastMutation();
    if (mutation?.type !== 'delta') throw new Error('expected a delta');
    expect(mutation.added).toEqual([]);
    expect(mutation.removed).toEqual([
      { entityRef: 'resource:default/destination-tiktok-ads', locationKey },
    ]);
  });

  it('replaces the whole set on an announcement before it has published anything', async () => {
    await announce();

    expect(lastMutation()?.type).toBe('full');
  });

  it('keeps the published entities when the backend cannot be read', async () => {
    audienceSyncs.listAudiences.mockRejectedValueOnce(
      new Error('Service has not started up yet'),
    );

    await runSchedule();

    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('Service has not started up yet'),
    );

    await announce();
    expect(lastMutation()?.type).toBe('full');
  });

  it('keeps a delta the catalog refused for the next announcement', async () => {
    await runSchedule();
    destinations = destinations.filter(d => d.id !== 'braze');
    connection.applyMutation.mockRejectedValueOnce(new Error('database busy'));

    // The events service logs the subscriber's failure.
    await expect(announce()).rejects.toThrow('database busy');
    await announce();

    expect(connection.applyMutation).toHaveBeenCalledTimes(3);
    const mutation = lastMutation();
    if (mutation?.type !== 'delta') throw new Error('expected a delta');
    expect(mutation.removed).toEqual([
      { entityRef: 'resource:default/destination-braze', locationKey },
    ]);
  });
});
