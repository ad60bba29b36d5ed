import { destinationLabel } from './destinationLabel';

describe('destinationLabel', () => {
  it('names the vendor after a name that does not say it', () => {
    expect(
      destinationLabel({ name: 'EU ad account', typeLabel: 'Facebook Ads' }),
    ).toBe('EU ad account (Facebook Ads)');
  });

  it('does not repeat a vendor the name already says, whatever its case', () => {
    expect(
      destinationLabel({ name: 'HubSpot (demo portal)', typeLabel: 'HubSpot' }),
    ).toBe('HubSpot (demo portal)');
    expect(
      destinationLabel({ name: 'Audit webhook', typeLabel: 'Webhook' }),
    ).toBe('Audit webhook');
  });
});
