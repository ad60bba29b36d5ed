import { parseFieldErrors } from './parseFieldErrors';

describe('parseFieldErrors', () => {
  it('splits a 400 message into the problems of each field', () => {
    expect(
      parseFieldErrors(
        "identifier.field: 'EMAIL' cannot be matched from the 'phone' key (use PHONE); fieldMappings[1].source.name: audience 'VIP' has no trait 'ltv' (traits: lifetime_value)",
      ),
    ).toEqual([
      {
        field: 'identifier.field',
        message: "'EMAIL' cannot be matched from the 'phone' key (use PHONE)",
      },
      {
        field: 'fieldMappings[1].source.name',
        message: "audience 'VIP' has no trait 'ltv' (traits: lifetime_value)",
      },
    ]);
  });

  it("keeps a problem whole when its own text contains '; '", () => {
    expect(
      parseFieldErrors(
        "schedule.cron: '0 0 9 * * 1' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 6; seconds are not supported); schedule.timezone: 'Mars/Base' is not a known IANA time zone",
      ),
    ).toEqual([
      {
        field: 'schedule.cron',
        message:
          "'0 0 9 * * 1' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 6; seconds are not supported)",
      },
      {
        field: 'schedule.timezone',
        message: "'Mars/Base' is not a known IANA time zone",
      },
    ]);
  });

  it('keeps text without a field as a general problem', () => {
    expect(
      parseFieldErrors(
        'must change at least one of name, object, mode, identifier, fieldMappings, schedule, owner',
      ),
    ).toEqual([
      {
        message:
          'must change at least one of name, object, mode, identifier, fieldMappings, schedule, owner',
      },
    ]);
  });
});
