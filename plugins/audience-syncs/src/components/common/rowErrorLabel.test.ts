import { rowErrorLabel } from './rowErrorLabel';

describe('rowErrorLabel', () => {
  it('says what the codes of the built-in destinations mean, however they are cased', () => {
    expect(rowErrorLabel('missing_identifier')).toBe(
      'No identifier to send the member by',
    );
    expect(rowErrorLabel('field_value_invalid')).toBe(
      "A field value that does not fit the field's type",
    );
    expect(rowErrorLabel('INVALID_CONTACT')).toBe(
      'Contact refused by the destination',
    );
  });

  it("turns any other destination's code into words", () => {
    expect(rowErrorLabel('NOT_WRITTEN')).toBe('Not written');
    expect(rowErrorLabel('INVALID_RECORD')).toBe('Invalid record');
    expect(rowErrorLabel('contact.duplicateEmail')).toBe(
      'Contact duplicate email',
    );
    expect(rowErrorLabel('http-409')).toBe('Http 409');
    expect(rowErrorLabel('___')).toBe('___');
  });
});
