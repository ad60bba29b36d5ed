import {
  createSyncRequestSchema,
  listSyncsQuerySchema,
  updateSyncRequestSchema,
} from '../schemas';
import { zodProblems } from './zodProblems';

const validSync = {
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { id: 'aud-1' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

function problemsOf(
  schema: { safeParse(value: unknown): any },
  value: unknown,
) {
  const result = schema.safeParse(value);
  if (result.success) {
    throw new Error('Expected the value to be refused');
  }
  return zodProblems(result.error);
}

describe('zodProblems', () => {
  it('names each field by its path, with a code for each kind of problem', () => {
    expect(
      problemsOf(createSyncRequestSchema, {
        ...validSync,
        audienceId: undefined,
        destinationId: '  ',
        mode: 'sometimes',
        runNow: 'yes',
        fieldMappings: [
          {
            source: { kind: 'trait', name: 'ltv' },
            destinationField: 'value',
            colour: 'blue',
          },
        ],
      }),
    ).toEqual([
      { field: 'audienceId', code: 'required', message: 'is required' },
      { field: 'destinationId', code: 'required', message: 'is required' },
      {
        field: 'mode',
        code: 'invalid_option',
        message: expect.stringMatching(/^Invalid enum value/),
      },
      {
        field: 'fieldMappings[0].colour',
        code: 'unknown_field',
        message: 'is not a known field',
      },
      {
        field: 'runNow',
        code: 'invalid_type',
        message: 'Expected boolean, received string',
      },
    ]);
  });

  it('names one problem per unknown field', () => {
    expect(
      problemsOf(createSyncRequestSchema, { ...validSync, a: 1, b: 2 }),
    ).toEqual([
      { field: 'a', code: 'unknown_field', message: 'is not a known field' },
      { field: 'b', code: 'unknown_field', message: 'is not a known field' },
    ]);
  });

  it('reports the alternative of a union that the value meant', () => {
    expect(
      problemsOf(createSyncRequestSchema, {
        ...validSync,
        object: { create: { name: '' } },
      }),
    ).toEqual([
      { field: 'object.create.name', code: 'required', message: 'is required' },
    ]);
    expect(
      problemsOf(createSyncRequestSchema, { ...validSync, object: { id: '' } }),
    ).toEqual([
      { field: 'object.id', code: 'required', message: 'is required' },
    ]);
  });

  it('reports a problem with the body as a whole without a field', () => {
    expect(problemsOf(updateSyncRequestSchema, {})).toEqual([
      {
        field: '',
        code: 'no_change',
        message:
          'must change at least one of name, object, mode, identifier, fieldMappings, schedule, owner, removalGuard, alerts',
      },
    ]);
  });

  it('names query parameters, under a prefix when one is given', () => {
    const result = listSyncsQuerySchema.safeParse({ limit: '0' });
    expect(result.success).toBe(false);
    expect(zodProblems((result as any).error, ['query'])).toEqual([
      {
        field: 'query.limit',
        code: 'too_small',
        message: 'Number must be greater than or equal to 1',
      },
    ]);
  });
});
