import {
  createTokenProvider,
  DestinationConnectContext,
  isJsonSuccess,
  TokenProvider,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { tokenError } from './salesforceResponses';
import { SalesforceAuthSettings } from './salesforceSettings';

/**
 * Sessions of a connected app, by the OAuth 2.0 client-credentials flow against the org's token
 * endpoint: fetched on first use, and again when Salesforce refuses the one in use.
 */
export function salesforceSession(
  instanceUrl: string,
  auth: Extract<SalesforceAuthSettings, { kind: 'client-credentials' }>,
  http: DestinationConnectContext<unknown>['http'],
): TokenProvider {
  const oauth = http({
    service: 'Salesforce',
    baseUrl: instanceUrl,
    toError: tokenError,
  });
  return createTokenProvider(async () => {
    const answer = await oauth.request('POST', '/services/oauth2/token', {
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
    throw oauth.error(answer);
  });
}
