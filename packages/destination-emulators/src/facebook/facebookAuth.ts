import { createHmac, timingSafeEqual } from 'node:crypto';
import { Request, RequestHandler } from 'express';
import { sendGraphError } from './facebookErrors';

/** The access token from any of the three places Graph reads it: Bearer header, query, or body. */
export function accessTokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const query = req.query.access_token;
  const body = req.body?.access_token;
  return (
    bearer ??
    (typeof query === 'string' ? query : undefined) ??
    (typeof body === 'string' ? body : undefined)
  );
}

/**
 * Checks the access token, and with an app secret configured ("Require App Secret") the `appsecret_proof`:
 * HMAC-SHA256 under the app secret of `access_token|appsecret_time`, or of the bare token without a time.
 */
export function facebookAuth(options: {
  accessTokens: ReadonlySet<string>;
  expiredTokens: ReadonlySet<string>;
  appSecret?: string;
}): RequestHandler {
  return (req, res, next) => {
    const token = accessTokenOf(req);
    if (!token) {
      sendGraphError(res, {
        message: 'An access token is required to request this resource.',
        code: 104,
      });
      return;
    }
    if (options.expiredTokens.has(token)) {
      sendGraphError(res, {
        message:
          'Error validating access token: Session has expired. The current time is later than the expiry time.',
        code: 190,
        error_subcode: 463,
      });
      return;
    }
    if (!options.accessTokens.has(token)) {
      sendGraphError(res, {
        message: 'Invalid OAuth access token - Cannot parse access token',
        code: 190,
      });
      return;
    }
    if (options.appSecret) {
      const proof = param(req, 'appsecret_proof');
      if (!proof) {
        sendGraphError(res, {
          message:
            'API calls from the server require an appsecret_proof argument',
          type: 'GraphMethodException',
          code: 100,
        });
        return;
      }
      const time = param(req, 'appsecret_time');
      const expected = createHmac('sha256', options.appSecret)
        .update(time ? `${token}|${time}` : token)
        .digest('hex');
      if (!sameText(proof, expected)) {
        sendGraphError(res, {
          message: 'Invalid appsecret_proof provided in the API argument',
          type: 'GraphMethodException',
          code: 100,
        });
        return;
      }
    }
    next();
  };
}

function param(req: Request, name: string): string | undefined {
  const value = req.query[name] ?? req.body?.[name];
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
