import { SyncProblemsResponseBody } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ErrorRequestHandler } from 'express';
import { SyncProblemsError } from './SyncProblemsError';

/**
 * Answers a `SyncProblemsError` with a 400 in Backstage's error shape plus its `problems`. Backstage's own
 * error handler serializes only an error's name, message and stack, so the problems would be lost there;
 * every other error goes on to it.
 */
export function syncProblemsErrorHandler(): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!(error instanceof SyncProblemsError) || res.headersSent) {
      next(error);
      return;
    }
    const body: SyncProblemsResponseBody = {
      error: { name: 'InputError', message: error.message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 400 },
      problems: error.problems,
    };
    res.status(400).json(body);
  };
}
