import { RequestHandler } from 'express';
import { StatsRecorder } from '../framework/StatsRecorder';
import { sendProblem } from './mailchimpErrors';

/**
 * HTTP Basic `anystring:<apikey>`, where the key ends in its data center (`…-us6`): a key of another
 * data center, or none, is 401 "API Key Invalid". Then Mailchimp's only throttle: at most
 * `maxConnections` requests of one key open at once; the next is answered by `throttled` at once.
 */
export function mailchimpAuth(options: {
  apiKeys: ReadonlySet<string>;
  maxConnections: number;
  stats: StatsRecorder;
  throttled: RequestHandler;
}): RequestHandler {
  const open = new Map<string, number>();
  return (req, res, next) => {
    const key = basicPassword(req.get('authorization'));
    if (!key || !options.apiKeys.has(key)) {
      sendProblem(
        res,
        401,
        'API Key Invalid',
        "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
      );
      return;
    }
    const count = (open.get(key) ?? 0) + 1;
    open.set(key, count);
    res.on('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
    if (count > options.maxConnections) {
      options.stats.count('throttled');
      options.throttled(req, res, next);
      return;
    }
    next();
  };
}

/** The password of a Basic header: Mailchimp ignores the user name ("anystring"). */
function basicPassword(header: string | undefined): string | undefined {
  const encoded = header?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}
