import { Response } from 'express';

/** The Graph API error envelope, `{ error: { message, type, code, error_subcode?, fbtrace_id, … } }`. */
export interface GraphError {
  message: string;
  type?: 'OAuthException' | 'GraphMethodException';
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

let traceCounter = 0;

/** Graph answers most errors with HTTP 400 (throttling included), whatever the code. */
export function sendGraphError(
  res: Response,
  error: GraphError,
  status = 400,
): void {
  traceCounter += 1;
  res.status(status).json({
    error: {
      type: 'OAuthException',
      ...error,
      fbtrace_id: `AEmu${traceCounter.toString(36).padStart(8, '0')}`,
    },
  });
}

export function invalidParameter(res: Response, detail: string): void {
  sendGraphError(res, { message: `(#100) ${detail}`, code: 100 });
}

/** What Graph says about an id it cannot find or the token cannot see. */
export function unsupportedRequest(
  res: Response,
  method: string,
  objectId: string,
): void {
  sendGraphError(res, {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}
