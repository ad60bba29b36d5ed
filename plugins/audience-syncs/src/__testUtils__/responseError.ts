import { ResponseError } from '@backstage/errors';

/** A `ResponseError` as the client throws it for a Backstage error answer. */
export function responseError(
  status: number,
  name: string,
  message: string,
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
      }),
      {
        status,
        statusText: statusText[status] ?? 'Error',
        headers: { 'content-type': 'application/json' },
      },
    ) as any,
  );
}
