import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { validateSchedulePicker } from './validateSchedulePicker';

const validate = (schedule: any) =>
  validateBuilderField(validateSchedulePicker, schedule, {});

describe('validateSchedulePicker', () => {
  it('accepts presets and readable crons in known time zones', async () => {
    await expect(validate({ type: 'manual' })).resolves.toEqual([]);
    await expect(
      validate({
        type: 'cron',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
      }),
    ).resolves.toEqual([]);
  });

  it('asks for a schedule when there is none', async () => {
    await expect(validate(undefined)).resolves.toEqual(['Choose a schedule']);
  });

  it('names the input of each problem', async () => {
    await expect(
      validate({ type: 'cron', timezone: 'Mars/Base' }),
    ).resolves.toEqual([
      'Cron expression: is required when the schedule type is cron',
      "Time zone: 'Mars/Base' is not a known IANA time zone",
    ]);
    await expect(
      validate({ type: 'cron', cron: '61 * * * *' }),
    ).resolves.toEqual([
      expect.stringMatching(
        /^Cron expression: '61 \* \* \* \*' is not a valid cron expression/,
      ),
    ]);
  });
});
