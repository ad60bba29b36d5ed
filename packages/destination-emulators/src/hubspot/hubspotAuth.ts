import { Request, RequestHandler, Response } from 'express';
import { bearerToken, TokenIssuer } from '../framework/TokenIssuer';
import { sendHubSpotError } from './hubspotErrors';

/** An OAuth app installed in the portal, and the refresh tokens of its installs. */
export interface HubSpotOAuthApp {
  clientId: string;
  clientSecret: string;
  refreshTokens: string[];
}

export const HUBSPOT_TOKEN_PATH = '/oauth/v1/token';

/**
 * Bearer authentication (private-app tokens, which never expire, and the OAuth access tokens the token
 * endpoint issued, until their lifetime ends: then 401 EXPIRED_AUTHENTICATION), and the token endpoint
 * itself (`POST /oauth/v1/token`, refresh-token grant), which answers outside the API's rate limit.
 */
export function hubspotAuth(
  tokens: TokenIssuer,
  apps: HubSpotOAuthApp[],
): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && req.path === HUBSPOT_TOKEN_PATH) {
      grantToken(req, res, tokens, apps);
      return;
    }
    const token = bearerToken(req.get('authorization'));
    const check = tokens.check(token);
    if (check === 'valid') {
      next();
      return;
    }
    if (check === 'expired') {
      sendHubSpotError(res, 401, {
        message: 'The OAuth token used to make this call expired.',
        category: 'EXPIRED_AUTHENTICATION',
      });
      return;
    }
    sendHubSpotError(res, 401, {
      message: token
        ? 'The OAuth token used to make this call is invalid or has expired.'
        : 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      category: 'INVALID_AUTHENTICATION',
    });
  };
}

/** HubSpot's answers: `{ token_type, refresh_token, access_token, expires_in }`, or `{ status, message }`. */
function grantToken(
  req: Request,
  res: Response,
  tokens: TokenIssuer,
  apps: HubSpotOAuthApp[],
) {
  const form = (req.body ?? {}) as Record<string, unknown>;
  const refuse = (status: string, message: string) =>
    res.status(400).json({
      status,
      message,
      correlationId: req.get('x-request-id') ?? 'emulator',
    });
  if (form.grant_type !== 'refresh_token') {
    refuse(
      'BAD_GRANT_TYPE',
      'grant_type must be refresh_token or authorization_code',
    );
    return;
  }
  const app = apps.find(a => a.clientId === form.client_id);
  if (!app) {
    refuse('BAD_CLIENT_ID', 'missing or unknown client id');
    return;
  }
  if (app.clientSecret !== form.client_secret) {
    refuse('BAD_CLIENT_SECRET', 'missing or invalid client secret');
    return;
  }
  const refreshToken = form.refresh_token;
  if (
    typeof refreshToken !== 'string' ||
    !app.refreshTokens.includes(refreshToken)
  ) {
    refuse('BAD_REFRESH_TOKEN', 'missing or invalid refresh token');
    return;
  }
  const { token, expiresIn } = tokens.issue();
  res.json({
    token_type: 'bearer',
    refresh_token: refreshToken,
    access_token: token,
    expires_in: expiresIn,
  });
}
