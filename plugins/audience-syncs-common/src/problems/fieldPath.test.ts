import { formatFieldPath, parseFieldPath } from './fieldPath';

describe('field paths', () => {
  it.each([
    [['audienceId'], 'audienceId'],
    [
      ['fieldMappings', 2, 'destinationField'],
      'fieldMappings[2].destinationField',
    ],
    [['fieldMappings', 0, 'source', 'name'], 'fieldMappings[0].source.name'],
    [['object', 'create', 'name'], 'object.create.name'],
    [['matrix', 1, 2], 'matrix[1][2]'],
    [[], ''],
  ])('%j is written %j and read back', (path, field) => {
    expect(formatFieldPath(path)).toBe(field);
    expect(parseFieldPath(field)).toEqual(path);
  });
});
