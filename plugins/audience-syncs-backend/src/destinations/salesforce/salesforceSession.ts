import {
  createTokenProvider,
  HttpTransport,
  isJsonSuccess,
  TokenProvider,
} from '@internal/plugin-audience-syncs-node';
import { tokenError } from './salesforceResponses';
import {
  SalesforceAuthSettings,
  SalesforceSettings,
} from './salesforceSettings';

/**
 * Sessions of a connected app, by the OAuth 2.0 client-credentials flow against the org's token
 * endpoint: fetched on first use, and again when Salesforce refuses the one in use.
 */
export function salesforceSession(
  settings: SalesforceSettings,
  auth: Extract<SalesforceAuthSettings, { kind: 'client-credentials' }>,
  secrets: string[],
): TokenProvider {
  const http = HttpTransport.create({
    service: 'Salesforce',
    baseUrl: settings.instanceUrl,
    timeoutMs: settings.timeoutMs,
    secrets: [...secrets, auth.clientSecret],
    toError: tokenError,
  });
  return createTokenProvider(async () => {
    const answer = await http.request('POST', '/services/oauth2/token', {
      form: {
        grant_type: 'client_credentials',
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
      },
    });
    const token = (answer.body as { access_token?: unknown } | undefined)
      ?.access_token;
    if (isJsonSuccess(answer) && typeof token === 'string' && token !== '') {
      return token;
    }
    throw http.error(answer);
  });
}
