import { RequestHandler } from 'express';
import { sendBrazeError } from './brazeErrors';

/** `Authorization: Bearer <REST API key>`; anything else is 401 "Invalid API Key". */
export function brazeAuth(apiKeys: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const key = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (key && apiKeys.has(key)) {
      next();
      return;
    }
    sendBrazeError(res, 401, 'Invalid API Key');
  };
}
