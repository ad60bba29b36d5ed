import { Request, RequestHandler, Response } from 'express';
import { bearerToken, TokenCheck, TokenIssuer } from '../framework/TokenIssuer';
import { errorInfo, sendGoogleError } from './googleErrors';

/** An OAuth client of Google's token endpoint and the refresh tokens its users granted it. */
export interface GoogleOAuthClient {
  clientId: string;
  clientSecret: string;
  refreshTokens: string[];
}

/** Where the emulator serves Google's token endpoint (`https://oauth2.googleapis.com/token`). */
export const GOOGLE_TOKEN_PATH = '/token';

const SCOPE = 'https://www.googleapis.com/auth/datamanager';

/**
 * OAuth Bearer authentication (no developer token), and Google's token endpoint, which answers here as
 * it is another service than Data Manager, outside its quota. A missing or unknown token is 401
 * UNAUTHENTICATED; an issued one past its lifetime, 401 with reason ACCESS_TOKEN_EXPIRED.
 */
export function googleAuth(
  tokens: TokenIssuer,
  clients: GoogleOAuthClient[],
): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && req.path === GOOGLE_TOKEN_PATH) {
      grantToken(req, res, tokens, clients);
      return;
    }
    const token = bearerToken(req.get('authorization'));
    const check = tokens.check(token);
    if (check === 'valid') {
      next();
      return;
    }
    res.set('www-authenticate', 'Bearer realm="https://accounts.google.com/"');
    sendGoogleError(
      res,
      401,
      'UNAUTHENTICATED',
      token
        ? 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.'
        : 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      [errorInfo(unauthenticatedReason(check, token))],
    );
  };
}

function unauthenticatedReason(
  check: TokenCheck,
  token: string | undefined,
): string {
  if (check === 'expired') return 'ACCESS_TOKEN_EXPIRED';
  return token ? 'ACCESS_TOKEN_TYPE_UNSUPPORTED' : 'CREDENTIALS_MISSING';
}

/**
 * The refresh-token grant as Google answers it: the client authenticates in the form (or with Basic), a
 * new access token for `expires_in` seconds; `invalid_client` (401) for an unknown client,
 * `invalid_grant` for a refresh token the client was not granted.
 */
function grantToken(
  req: Request,
  res: Response,
  tokens: TokenIssuer,
  clients: GoogleOAuthClient[],
) {
  const form = (req.body ?? {}) as Record<string, unknown>;
  const basic = basicCredentials(req.get('authorization'));
  const clientId = basic?.id ?? form.client_id;
  const clientSecret = basic?.secret ?? form.client_secret;
  if (form.grant_type !== 'refresh_token') {
    oauthError(res, 400, 'unsupported_grant_type', 'Invalid grant_type: ');
    return;
  }
  const client = clients.find(c => c.clientId === clientId);
  if (!client || client.clientSecret !== clientSecret) {
    oauthError(res, 401, 'invalid_client', 'The OAuth client was not found.');
    return;
  }
  if (typeof form.refresh_token !== 'string' || form.refresh_token === '') {
    oauthError(
      res,
      400,
      'invalid_request',
      'Missing required parameter: refresh_token',
    );
    return;
  }
  if (!client.refreshTokens.includes(form.refresh_token)) {
    oauthError(res, 400, 'invalid_grant', 'Token has been expired or revoked.');
    return;
  }
  const { token, expiresIn } = tokens.issue();
  res.set('cache-control', 'no-store').json({
    access_token: token,
    expires_in: expiresIn,
    scope: SCOPE,
    token_type: 'Bearer',
  });
}

function oauthError(
  res: Response,
  status: number,
  error: string,
  description: string,
) {
  res.status(status).json({ error, error_description: description });
}

function basicCredentials(
  authorization: string | undefined,
): { id: string; secret: string } | undefined {
  const encoded = authorization?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}
