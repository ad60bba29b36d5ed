import { randomBytes } from 'node:crypto';
import { RequestHandler } from 'express';
import { bearerToken, TokenIssuer } from '../framework/TokenIssuer';
import { sendSalesforceError } from './salesforceErrors';

export interface SalesforceClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** API versions the emulator serves, newest first (Summer '26 is v67.0). */
export const SALESFORCE_API_VERSIONS = Array.from(
  { length: 67 - 42 + 1 },
  (_, i) => `${67 - i}.0`,
);

/**
 * Bearer authentication of the REST API, and the two resources that need none: the versions list
 * (`GET /services/data`) and the OAuth token endpoint (`POST /services/oauth2/token`, client-credentials
 * flow), which answer here, before faults and the API allocation, as neither counts as an API request.
 * A session from the token endpoint lasts the issuer's lifetime (the org's session timeout), then is
 * refused as INVALID_SESSION_ID like an unknown one; the response says nothing of its lifetime, as
 * Salesforce's does not.
 */
export function salesforceAuth(options: {
  tokens: TokenIssuer;
  clients: SalesforceClientCredentials[];
  instanceUrl: (req: Parameters<RequestHandler>[0]) => string;
}): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && /^\/services\/data\/?$/.test(req.path)) {
      res.json(
        SALESFORCE_API_VERSIONS.map(version => ({
          label: `v${version}`,
          url: `/services/data/v${version}`,
          version,
        })),
      );
      return;
    }
    if (req.method === 'POST' && req.path === '/services/oauth2/token') {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.grant_type !== 'client_credentials') {
        res.status(400).json({
          error: 'unsupported_grant_type',
          error_description: 'grant type not supported',
        });
        return;
      }
      const client = options.clients.find(
        c =>
          c.clientId === body.client_id &&
          c.clientSecret === body.client_secret,
      );
      if (!client) {
        res.status(400).json({
          error: 'invalid_client',
          error_description: 'invalid client credentials',
        });
        return;
      }
      const { token } = options.tokens.issue();
      res.json({
        access_token: token,
        instance_url: options.instanceUrl(req),
        id: `${options.instanceUrl(
          req,
        )}/id/00DEm0000000001EAA/005Em0000000001AAA`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        signature: randomBytes(32).toString('base64'),
        scope: 'api',
      });
      return;
    }
    if (
      options.tokens.check(bearerToken(req.get('authorization'))) === 'valid'
    ) {
      next();
      return;
    }
    res.set('www-authenticate', 'Token');
    sendSalesforceError(
      res,
      401,
      'INVALID_SESSION_ID',
      'Session expired or invalid',
    );
  };
}
