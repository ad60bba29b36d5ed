import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IdentifierMapping as IdentifierMappingValue } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  anAdDestination,
  anEmailOnlyAudience,
} from '../../../__testUtils__/builderFixtures';
import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { IdentifierMapping } from './IdentifierMapping';

const api = new FakeAudienceSyncsApi({
  audiences: [
    anAudience(),
    anEmailOnlyAudience(),
    anAudience({ id: 'app-users', name: 'App users', entityKeys: ['user_id'] }),
  ],
  destinations: [aDestination(), anAdDestination()],
});

const form = (
  audienceId: string,
  destinationId: string,
): SyncBuilderFormData => ({
  audienceId,
  destination: { destinationId, object: { id: 'x' } },
});

function render(
  builderForm: SyncBuilderFormData,
  value?: IdentifierMappingValue,
) {
  return renderBuilderField(IdentifierMapping, {
    api,
    form: builderForm,
    value,
  });
}

const HASHING_NOTE =
  /Values are normalized and SHA-256 hashed before sending to Facebook Ads EU/;

describe('IdentifierMapping', () => {
  it('waits for the audience and the destination to be chosen', async () => {
    await render({});
    expect(screen.getByText('Choose the audience first.')).toBeVisible();
  });

  it('asks for the destination once the audience is chosen', async () => {
    await render({ audienceId: 'high-value-customers' });
    expect(screen.getByText('Choose the destination first.')).toBeVisible();
  });

  it("offers only the destination's fields for keys the audience has, marking hashed ones", async () => {
    const { onChange } = await render(
      form('high-value-customers', 'facebook-ads'),
    );

    const radios = await screen.findAllByRole('radio');
    expect(radios.map(r => r.closest('label')?.textContent)).toEqual([
      'email → Email (SHA-256 hashed)',
      'phone → Phone Number (SHA-256 hashed)',
      'device_id → Mobile Advertiser ID',
    ]);

    await userEvent.click(screen.getByLabelText(/^phone → Phone Number/));
    expect(onChange).toHaveBeenLastCalledWith({
      entityKey: 'phone',
      field: 'PHONE',
    });
    expect(screen.getByText(HASHING_NOTE)).toBeVisible();

    await userEvent.click(screen.getByLabelText(/^device_id/));
    expect(onChange).toHaveBeenLastCalledWith({
      entityKey: 'device_id',
      field: 'MADID',
    });
    expect(screen.queryByText(HASHING_NOTE)).not.toBeInTheDocument();
  });

  it.each([
    ['no value', undefined],
    // The scaffolder's form starts an object field at `{}`.
    ['an empty object', {} as IdentifierMappingValue],
  ])(
    'chooses the only possible mapping for the user, from %s',
    async (_, value) => {
      const { onChange } = await render(
        form('newsletter-readers', 'facebook-ads'),
        value,
      );

      expect(
        await screen.findByLabelText('email → Email (SHA-256 hashed)'),
      ).toBeChecked();
      expect(onChange).toHaveBeenCalledWith({
        entityKey: 'email',
        field: 'EMAIL',
      });
      expect(screen.getByText(HASHING_NOTE)).toBeVisible();
    },
  );

  it('says so when the audience has no key the destination matches on', async () => {
    await render(form('app-users', 'facebook-ads'));

    expect(
      await screen.findByText(
        'Facebook Ads EU matches members on email, phone, device_id, which App users does not have (it has user_id): choose another audience or destination',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('flags a mapping the destination does not offer, e.g. after the destination changed', async () => {
    await render(form('high-value-customers', 'salesforce-prod'), {
      entityKey: 'phone',
      field: 'PHONE',
    });

    expect(
      await screen.findByText(
        "destination 'Salesforce production' has no identifier field 'PHONE' (it offers Email)",
      ),
    ).toBeVisible();
    expect(screen.getByLabelText('email → Email')).not.toBeChecked();
  });
});
