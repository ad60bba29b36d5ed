import { ErrorRequestHandler } from 'express';
import { SyncProblemsError } from './SyncProblemsError';

/**
 * Turns a body that `express.json` could not parse into a 400 naming the `body`, like every other refused
 * request; other errors (a body too large: 413) go on unchanged.
 */
export function invalidJsonBodyHandler(): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (error?.type === 'entity.parse.failed') {
      next(
        new SyncProblemsError([
          {
            field: 'body',
            code: 'invalid_type',
            message: 'is not a JSON object',
          },
        ]),
      );
      return;
    }
    next(error);
  };
}
