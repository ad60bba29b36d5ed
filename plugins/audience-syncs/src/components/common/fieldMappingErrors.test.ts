import { fieldMappingErrors } from './fieldMappingErrors';

describe('fieldMappingErrors', () => {
  it('places each problem on its row input, its row, or the list, and ignores the others', () => {
    expect(
      fieldMappingErrors([
        {
          field: 'fieldMappings',
          code: 'field_mappings_unsupported',
          message: 'takes none',
        },
        {
          field: 'fieldMappings[0].source.name',
          code: 'field_mapping_source_unknown',
          message: 'unknown trait',
        },
        {
          field: 'fieldMappings[0].source.kind',
          code: 'invalid_option',
          message: 'unknown kind',
        },
        {
          field: 'fieldMappings[10].destinationField',
          code: 'required',
          message: 'is required',
        },
        {
          field: 'fieldMappings[1].colour',
          code: 'unknown_field',
          message: 'is not a known field',
        },
        { field: 'schedule.cron', code: 'cron_invalid', message: 'bad cron' },
      ]),
    ).toEqual({
      general: 'takes none',
      rows: {
        0: { source: 'unknown trait; unknown kind' },
        1: { row: 'is not a known field' },
        10: { destinationField: 'is required' },
      },
    });
  });
});
