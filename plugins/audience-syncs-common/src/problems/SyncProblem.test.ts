import { formatProblems } from './SyncProblem';

describe('formatProblems', () => {
  it('lists every problem after the name of its field', () => {
    expect(
      formatProblems([
        {
          field: 'object.id',
          code: 'object_not_found',
          message: "destination 'Ads Account' has no Custom Audience 'aud-404'",
        },
        {
          field: 'schedule.timezone',
          code: 'timezone_invalid',
          message: "'Nowhere/City' is not a known IANA time zone",
        },
        { field: '', code: 'no_change', message: 'must change something' },
      ]),
    ).toBe(
      "object.id: destination 'Ads Account' has no Custom Audience 'aud-404'; schedule.timezone: 'Nowhere/City' is not a known IANA time zone; must change something",
    );
  });
});
