import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AlertThresholds as Thresholds } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { AlertThresholds } from './AlertThresholds';
import { validateAlertThresholds } from './validateAlertThresholds';

const render = (value?: Thresholds) =>
  renderBuilderField(AlertThresholds, {
    api: new FakeAudienceSyncsApi({}),
    value,
  });

const invalidShare = () => screen.getByLabelText('Invalid members above (%)');
const rowCountSwing = () =>
  screen.getByLabelText('Audience size change above (%)');

function errorsOf(value: Thresholds | undefined) {
  const errors: string[] = [];
  validateAlertThresholds(
    value as Thresholds,
    {
      addError: (message: string) => errors.push(message),
    } as any,
    {} as any,
  );
  return errors;
}

describe('AlertThresholds', () => {
  it('starts blank (the defaults) and writes the percentages typed as shares', async () => {
    const { onChange } = await render();
    expect(invalidShare()).toHaveValue(null);
    expect(rowCountSwing()).toHaveValue(null);

    await userEvent.type(invalidShare(), '2.5');
    expect(onChange).toHaveBeenLastCalledWith({ invalidShare: 0.025 });
    await userEvent.type(rowCountSwing(), '40');
    expect(onChange).toHaveBeenLastCalledWith({
      invalidShare: 0.025,
      rowCountSwing: 0.4,
    });

    await userEvent.clear(invalidShare());
    expect(onChange).toHaveBeenLastCalledWith({ rowCountSwing: 0.4 });
  });

  it('shows values given as percentages, and says what is wrong with one out of range', async () => {
    await render({ rowCountSwing: 0.3 });
    expect(rowCountSwing()).toHaveValue(30);

    await userEvent.clear(rowCountSwing());
    await userEvent.type(rowCountSwing(), '120');
    expect(rowCountSwing()).toHaveAccessibleDescription(
      'Enter a percentage more than 0 and at most 100, or leave it blank',
    );
  });

  it('lets "Next" through with no thresholds, and stops it at one out of range', () => {
    expect(errorsOf(undefined)).toEqual([]);
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ invalidShare: 0.05, rowCountSwing: 1 })).toEqual([]);
    expect(errorsOf({ invalidShare: 0, rowCountSwing: 1.2 })).toEqual([
      'Invalid members alert: Enter a percentage more than 0 and at most 100, or leave it blank',
      'Audience size alert: Enter a percentage more than 0 and at most 100, or leave it blank',
    ]);
  });
});
