import { ResponseError } from '@backstage/errors';
import {
  formatProblems,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** A `ResponseError` as the client throws it for a Backstage error answer; `extra` joins the body. */
export function responseError(
  status: number,
  name: string,
  message: string,
  extra: object = {},
): Promise<ResponseError> {
  const statusText: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/api/audience-syncs' },
        response: { statusCode: status },
        ...extra,
      }),
      {
        status,
        statusText: statusText[status] ?? 'Error',
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );
}

/** The backend's 400 for a request with these problems. */
export function problemsError(problems: SyncProblem[]): Promise<ResponseError> {
  return responseError(400, 'InputError', formatProblems(problems), {
    problems,
  });
}
