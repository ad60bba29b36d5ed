import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  anAdDestination,
  aWebhookDestination,
} from '../../../__testUtils__/builderFixtures';
import { aDestination } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { DestinationChoice } from '../SyncBuilderFormData';
import { DestinationObjectPicker } from './DestinationObjectPicker';

function render(value?: DestinationChoice) {
  const api = new FakeAudienceSyncsApi({
    destinations: [aDestination(), anAdDestination(), aWebhookDestination()],
    objects: {
      'salesforce-prod': [{ id: 'cmp-q1', name: 'Q1 Retention Campaign' }],
      'facebook-ads': [{ id: 'ca-1', name: 'Website Visitors Lookalike' }],
    },
  });
  return renderBuilderField(DestinationObjectPicker, { api, value });
}

const destinationSelect = () => screen.getByLabelText(/^Destination/);

describe('DestinationObjectPicker', () => {
  it('lists the destinations by name and type, disabling those without audience syncs', async () => {
    await render();

    await screen.findByRole('option', {
      name: 'Facebook Ads EU',
    });
    const options = within(destinationSelect()).getAllByRole('option');
    expect(
      options.map(o => [o.textContent, (o as HTMLOptionElement).disabled]),
    ).toEqual([
      ['Choose a destination', true],
      ['Salesforce production', false],
      ['Facebook Ads EU', false],
      ['Audit webhook: does not support audience syncs', true],
    ]);
  });

  it('says why a chosen destination cannot be used, in the words of the server', async () => {
    await render({ destinationId: 'audit-webhook' });

    await screen.findByRole('option', { name: /^Audit webhook/ });
    expect(destinationSelect()).toHaveAccessibleDescription(
      "destination 'Audit webhook' (Webhook) does not support audience syncs",
    );
    expect(destinationSelect()).toHaveAttribute('aria-invalid', 'true');
  });

  it("offers the destination's objects under its own name for them", async () => {
    const { onChange } = await render();
    await screen.findByRole('option', {
      name: 'Facebook Ads EU',
    });

    await userEvent.selectOptions(destinationSelect(), 'facebook-ads');
    const objectSelect = screen.getByLabelText(/^Custom Audience/);
    await within(objectSelect).findByRole('option', {
      name: 'Website Visitors Lookalike',
    });
    // Facebook audiences are made in Facebook: there is no "create new" choice.
    expect(
      within(objectSelect)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Choose a Custom Audience', 'Website Visitors Lookalike']);

    await userEvent.selectOptions(objectSelect, 'ca-1');
    expect(onChange).toHaveBeenLastCalledWith({
      destinationId: 'facebook-ads',
      object: { id: 'ca-1' },
    });
  });

  it('names a new object where the destination can create one, leaving its creation to the save', async () => {
    const { onChange } = await render();
    await screen.findByRole('option', {
      name: 'Salesforce production',
    });

    await userEvent.selectOptions(destinationSelect(), 'salesforce-prod');
    await userEvent.selectOptions(
      screen.getByLabelText(/^Campaign/),
      'Create a new Campaign…',
    );
    await userEvent.type(
      screen.getByLabelText(/^Name of the new Campaign/),
      'Winter promo',
    );

    expect(
      screen.getByText('Created in Salesforce when the sync is saved.'),
    ).toBeVisible();
    expect(onChange).toHaveBeenLastCalledWith({
      destinationId: 'salesforce-prod',
      object: { create: { name: 'Winter promo' } },
    });
  });

  it('asks for the object again when the destination changes', async () => {
    const { onChange } = await render({
      destinationId: 'salesforce-prod',
      object: { id: 'cmp-q1' },
    });
    await screen.findByRole('option', { name: 'Q1 Retention Campaign' });
    expect(destinationSelect()).toHaveValue('salesforce-prod');
    expect(screen.getByLabelText(/^Campaign/)).toHaveValue('cmp-q1');

    await userEvent.selectOptions(destinationSelect(), 'facebook-ads');

    expect(onChange).toHaveBeenLastCalledWith({
      destinationId: 'facebook-ads',
    });
    expect(screen.getByLabelText(/^Custom Audience/)).toHaveValue('');
  });
});
