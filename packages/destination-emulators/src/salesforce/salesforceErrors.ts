import { Response } from 'express';

/** One entry of a Salesforce REST error answer (single-resource shape: `errorCode`, not `statusCode`). */
export interface SalesforceError {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** Salesforce answers REST errors with a JSON array of `{ message, errorCode }`. */
export function sendSalesforceErrors(
  res: Response,
  status: number,
  errors: SalesforceError[],
): void {
  res.status(status).json(errors);
}

export function sendSalesforceError(
  res: Response,
  status: number,
  errorCode: string,
  message: string,
  fields?: string[],
): void {
  sendSalesforceErrors(res, status, [
    { message, errorCode, ...(fields ? { fields } : {}) },
  ]);
}
