import { RunningEmulator } from '../framework/types';
import { startHubSpotEmulator } from './startHubSpotEmulator';

const APP = { clientId: 'app-id', clientSecret: 'app-secret' };

let hubspot: RunningEmulator;

beforeAll(async () => {
  hubspot = await startHubSpotEmulator({
    oauthApps: [{ ...APP, refreshTokens: ['refresh-1'] }],
  });
});
afterAll(() => hubspot.close());

async function token(form: Record<string, string>) {
  const res = await fetch(`${hubspot.url}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: await res.json() };
}

const lists = (accessToken: string) =>
  fetch(`${hubspot.url}/crm/v3/lists/search`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({}),
  });

describe('HubSpot emulator OAuth', () => {
  it('issues 30-minute access tokens for a refresh token, then answers EXPIRED_AUTHENTICATION', async () => {
    const granted = await token({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      ...{ client_id: APP.clientId, client_secret: APP.clientSecret },
    });
    expect(granted).toEqual({
      status: 200,
      json: {
        token_type: 'bearer',
        refresh_token: 'refresh-1',
        access_token: expect.any(String),
        expires_in: 1800,
      },
    });
    expect((await lists(granted.json.access_token)).status).toBe(200);
    hubspot.advanceClock(1800_000);
    const expired = await lists(granted.json.access_token);
    expect(expired.status).toBe(401);
    expect((await expired.json()).category).toBe('EXPIRED_AUTHENTICATION');
    // The private-app token never expires.
    expect((await lists('hubspot-test-token')).status).toBe(200);
  });

  it('refuses an unknown refresh token or client as HubSpot does', async () => {
    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: 'nope',
        client_id: APP.clientId,
        client_secret: APP.clientSecret,
      }),
    ).toMatchObject({ status: 400, json: { status: 'BAD_REFRESH_TOKEN' } });
    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: 'refresh-1',
        client_id: 'x',
        client_secret: 'y',
      }),
    ).toMatchObject({ status: 400, json: { status: 'BAD_CLIENT_ID' } });
  });
});
