import { RequestHandler } from 'express';
import { errorInfo, sendGoogleError } from './googleErrors';

/** OAuth Bearer authentication (no developer token); anything else is 401 UNAUTHENTICATED. */
export function googleAuth(accessTokens: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const token = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (token && accessTokens.has(token)) {
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
      [
        errorInfo(
          token ? 'ACCESS_TOKEN_TYPE_UNSUPPORTED' : 'CREDENTIALS_MISSING',
        ),
      ],
    );
  };
}
