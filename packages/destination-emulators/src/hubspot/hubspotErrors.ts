import { randomUUID } from 'node:crypto';
import { Response } from 'express';

/** HubSpot's error body: `{ status: "error", message, correlationId, category, … }`. */
export interface HubSpotError {
  message: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: Array<{ message: string; context?: Record<string, unknown> }>;
}

export function hubSpotErrorBody(error: HubSpotError) {
  return { status: 'error', correlationId: randomUUID(), ...error };
}

export function sendHubSpotError(
  res: Response,
  status: number,
  error: HubSpotError,
): void {
  res.status(status).json(hubSpotErrorBody(error));
}

export function validationError(res: Response, message: string): void {
  sendHubSpotError(res, 400, { message, category: 'VALIDATION_ERROR' });
}
