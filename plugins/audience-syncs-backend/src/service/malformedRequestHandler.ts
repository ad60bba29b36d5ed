import { ErrorRequestHandler } from 'express';
import { SyncProblemsError } from './SyncProblemsError';

/**
 * Turns what Express refuses before a route sees the request into a 400 naming the request's part, like
 * every other refused request: a body `express.json` cannot read (`body`), a path that is not valid
 * percent-encoding (`path`). Other errors (a body too large: 413) go on unchanged.
 */
export function malformedRequestHandler(): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const fromBodyParser =
      typeof error?.type === 'string' && error.status === 400;
    if (fromBodyParser || error instanceof URIError) {
      next(
        new SyncProblemsError([
          fromBodyParser
            ? {
                field: 'body',
                code: 'invalid_type',
                message: 'is not a JSON object',
              }
            : {
                field: 'path',
                code: 'invalid_value',
                message: 'is not valid percent-encoding',
              },
        ]),
      );
      return;
    }
    next(error);
  };
}
