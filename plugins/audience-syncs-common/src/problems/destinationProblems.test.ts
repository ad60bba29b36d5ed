import { aCrmDestination, anAdDestination } from '../__testUtils__/fixtures';
import {
  destinationProblems,
  objectCreationProblems,
  objectProblems,
} from './destinationProblems';

const crm = aCrmDestination();
const ads = anAdDestination();

describe('destinationProblems', () => {
  it('accepts a destination that takes audience syncs', () => {
    expect(destinationProblems(crm.id, crm)).toEqual([]);
  });

  it('refuses a destination that does not exist or takes no audience syncs', () => {
    expect(destinationProblems('nope', undefined)).toEqual([
      {
        field: 'destinationId',
        code: 'destination_not_found',
        message: "no destination 'nope' exists",
      },
    ]);
    const webhook = aCrmDestination({
      id: 'audit-webhook',
      typeLabel: 'Webhook',
      name: 'Audit webhook',
      capabilities: { ...crm.capabilities, supportsAudienceSyncs: false },
    });
    expect(destinationProblems(webhook.id, webhook)).toEqual([
      {
        field: 'destinationId',
        code: 'destination_unsupported',
        message:
          "destination 'Audit webhook' (Webhook) does not support audience syncs",
      },
    ]);
  });
});

describe('objectProblems', () => {
  it('accepts an existing object, or a new one where the destination creates them', () => {
    expect(
      objectProblems({ id: 'ca-1' }, ads, [{ id: 'ca-1', name: 'Lookalike' }]),
    ).toEqual([]);
    expect(objectProblems({ id: 'ca-1' }, ads)).toEqual([]);
    expect(objectProblems({ create: { name: 'Q3' } }, crm)).toEqual([]);
  });

  it('refuses a new object where none can be created', () => {
    expect(objectProblems({ create: { name: 'New' } }, ads)).toEqual([
      {
        field: 'object.create',
        code: 'object_create_unsupported',
        message:
          "destination 'Facebook Ads EU' does not let Backstage create a Custom Audience; create it in Facebook Ads first, then select it",
      },
    ]);
    expect(objectCreationProblems(ads, 'name')).toEqual([
      expect.objectContaining({
        field: 'name',
        code: 'object_create_unsupported',
      }),
    ]);
  });

  it('refuses an object the destination does not list', () => {
    expect(
      objectProblems({ id: 'ca-404' }, ads, [
        { id: 'ca-1', name: 'Lookalike' },
      ]),
    ).toEqual([
      {
        field: 'object.id',
        code: 'object_not_found',
        message:
          "destination 'Facebook Ads EU' has no Custom Audience 'ca-404'",
      },
    ]);
  });
});
