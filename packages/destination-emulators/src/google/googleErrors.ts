import { Response } from 'express';

export const DOMAIN = 'datamanager.googleapis.com';

/** A `google.rpc.BadRequest.FieldViolation` with the Data Manager `ErrorReason` as `reason`. */
export interface FieldViolation {
  field: string;
  description: string;
  reason: string;
}

let requestCounter = 0;

/** The google.rpc.Status envelope: `{ error: { code, message, status, details } }`. */
export function sendGoogleError(
  res: Response,
  httpStatus: number,
  status: string,
  message: string,
  details: Array<Record<string, unknown>> = [],
): void {
  res.status(httpStatus).json({
    error: { code: httpStatus, message, status, details },
  });
}

export function errorInfo(
  reason: string,
  metadata: Record<string, string> = {},
): Record<string, unknown> {
  requestCounter += 1;
  const requestId = `t-emu-${requestCounter.toString(36)}`;
  return {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason,
    domain: DOMAIN,
    metadata: { requestId, ...metadata },
  };
}

/** 400 INVALID_ARGUMENT listing every violation, as Data Manager fails a whole request. */
export function sendInvalidArgument(
  res: Response,
  violations: FieldViolation[],
): void {
  sendGoogleError(
    res,
    400,
    'INVALID_ARGUMENT',
    'There was a problem with the request.',
    [
      errorInfo('INVALID_ARGUMENT'),
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: violations,
      },
    ],
  );
}

export function sendPermissionDenied(res: Response, what: string): void {
  sendGoogleError(
    res,
    403,
    'PERMISSION_DENIED',
    `The caller does not have permission to access ${what}.`,
    [errorInfo('PERMISSION_DENIED')],
  );
}

/** A google.protobuf.Duration in JSON form: seconds with up to 3 decimals, e.g. `"1.5s"`. */
export function durationOf(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** A REQUIRED_FIELD_MISSING violation of `field`. */
export function missingField(field: string): FieldViolation {
  return {
    field,
    description: 'Required field is missing.',
    reason: 'REQUIRED_FIELD_MISSING',
  };
}
