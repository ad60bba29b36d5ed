import { RunningEmulator } from '../framework/types';
import { startSalesforceEmulator } from './startSalesforceEmulator';

let salesforce: RunningEmulator;

beforeAll(async () => {
  salesforce = await startSalesforceEmulator({
    clientCredentials: [{ clientId: 'app', clientSecret: 'secret' }],
    tokenLifetimeSeconds: 60,
  });
});
afterAll(() => salesforce.close());

describe('Salesforce emulator sessions', () => {
  it('expires a client-credentials session after its lifetime with 401 INVALID_SESSION_ID', async () => {
    const res = await fetch(`${salesforce.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=app&client_secret=secret',
    });
    const { access_token: session, expires_in: expiresIn } = await res.json();
    expect(expiresIn).toBeUndefined();
    const limits = () =>
      fetch(`${salesforce.url}/services/data/v67.0/limits`, {
        headers: { authorization: `Bearer ${session}` },
      });
    expect((await limits()).status).toBe(200);
    salesforce.advanceClock(60_000);
    const expired = await limits();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_SESSION_ID' }),
    ]);
  });
});
