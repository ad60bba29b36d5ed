import { Response } from 'express';

/** One per-object problem of a `/users/track` request, as Braze reports it. */
export interface BrazeItemError {
  type: string;
  input_array: 'attributes' | 'events' | 'purchases';
  index: number;
}

/** The fatal answer when no object of the request could be processed. */
export const NO_VALID_DATA =
  "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";

/** The per-object error of an object without any of the user identifiers. */
export const IDENTIFIER_REQUIRED =
  "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required";

/** Braze answers errors as `{ message, errors? }`. */
export function sendBrazeError(
  res: Response,
  status: number,
  message: string,
  errors?: BrazeItemError[],
): void {
  res.status(status).json({ message, ...(errors ? { errors } : {}) });
}
