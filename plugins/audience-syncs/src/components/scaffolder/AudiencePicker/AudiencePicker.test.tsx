import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { AudiencePicker } from './AudiencePicker';

const audiences = [
  anAudience(),
  anAudience({
    id: 'new-signups',
    name: 'New signups',
    memberCount: null,
    lastEvaluatedAt: null,
  }),
  anAudience({
    id: 'churned-accounts',
    name: 'Churned accounts',
    entityType: 'accounts',
    memberCount: 0,
  }),
];

function setup(value?: string, rawErrors?: string[]) {
  const api = new FakeAudienceSyncsApi({ audiences });
  const listAudiences = jest.spyOn(api, 'listAudiences');
  const render = () =>
    renderBuilderField(AudiencePicker, { api, value, rawErrors });
  return { api, listAudiences, render };
}

const openList = () =>
  userEvent.click(screen.getByRole('button', { name: 'Open' }));

const option = (name: string) =>
  screen.getAllByRole('option').find(o => o.textContent?.startsWith(name))!;

describe('AudiencePicker', () => {
  it('lists each audience with its entity type, member count and last evaluation', async () => {
    const { render } = setup();
    await render();
    await openList();

    expect(await screen.findAllByRole('option')).toHaveLength(3);
    const highValue = option('High value customers');
    expect(highValue).toHaveTextContent(
      /users · 12,345 members · last evaluated/,
    );
    expect(highValue.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-30T06:00:00.000Z',
    );
    expect(highValue).not.toHaveAttribute('aria-disabled', 'true');
  });

  it('disables audiences that were never evaluated or have no members, saying why', async () => {
    const { render } = setup();
    await render();
    await openList();
    await screen.findAllByRole('option');

    const newSignups = option('New signups');
    expect(newSignups).toHaveAttribute('aria-disabled', 'true');
    expect(newSignups).toHaveTextContent(
      /not evaluated yet · last evaluated never/,
    );
    expect(
      within(newSignups).getByText(
        "audience 'New signups' has not been evaluated successfully yet",
      ),
    ).toBeVisible();

    const churned = option('Churned accounts');
    expect(churned).toHaveAttribute('aria-disabled', 'true');
    expect(churned).toHaveTextContent(/accounts · 0 members/);
    expect(
      within(churned).getByText(
        "audience 'Churned accounts' has no members; a sync needs at least one",
      ),
    ).toBeVisible();
  });

  it('searches audiences by name on the server', async () => {
    const { render, listAudiences } = setup();
    await render();

    await userEvent.type(screen.getByRole('textbox'), 'churn');

    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('option')).toHaveTextContent(/^Churned accounts/);
    expect(listAudiences).toHaveBeenLastCalledWith({
      search: 'churn',
      limit: 50,
    });
  });

  it('sets the chosen audience id', async () => {
    const { render } = setup();
    const { onChange } = await render();
    await openList();
    await screen.findAllByRole('option');

    await userEvent.click(option('High value customers'));

    expect(onChange).toHaveBeenLastCalledWith('high-value-customers');
    expect(screen.getByRole('textbox')).toHaveValue('High value customers');
  });

  it('shows a pre-selected audience as chosen', async () => {
    const { render } = setup('high-value-customers');
    await render();

    expect(
      await screen.findByDisplayValue('High value customers'),
    ).toBeVisible();
  });

  it('says why a pre-selected audience cannot be synced', async () => {
    const { render } = setup('churned-accounts');
    await render();

    expect(await screen.findByDisplayValue('Churned accounts')).toBeVisible();
    expect(
      screen.getByText(
        "audience 'Churned accounts' has no members; a sync needs at least one",
      ),
    ).toBeVisible();
    expect(screen.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the errors of the last validation', async () => {
    const { render } = setup(undefined, ['Choose an audience']);
    await render();

    expect(screen.getByText('Choose an audience')).toBeVisible();
  });
});
