import { randomUUID } from 'node:crypto';
import { Response } from 'express';

const ERRORS_DOC = 'https://mailchimp.com/developer/marketing/docs/errors/';

/** A field-level problem in a 400 `errors` array. */
export interface FieldError {
  field: string;
  message: string;
}

/** Mailchimp's RFC 7807 answer: `application/problem+json` with type, title, status, detail, instance. */
export function sendProblem(
  res: Response,
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: ERRORS_DOC,
        title,
        status,
        detail,
        instance: randomUUID(),
        ...(errors ? { errors } : {}),
      }),
    );
}

/** 400 Invalid Resource with the field errors. */
export function sendInvalidResource(res: Response, errors: FieldError[]): void {
  sendProblem(
    res,
    400,
    'Invalid Resource',
    "The resource submitted could not be validated. For field-specific details, see the 'errors' array.",
    errors,
  );
}

export function sendNotFound(res: Response): void {
  sendProblem(
    res,
    404,
    'Resource Not Found',
    'The requested resource could not be found.',
  );
}
