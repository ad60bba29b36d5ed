import { INPUT_LIMITS } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { z } from 'zod';

/** `?q=`: a member key, an identifier as sent, or a value typed in plain text (an email). */
export const memberTimelineQuerySchema = z
  .object({
    q: z
      .string({
        required_error: 'is required: a member key, identifier or email',
      })
      .trim()
      .min(1, 'must not be empty: a member key, identifier or email')
      .max(INPUT_LIMITS.search)
      .refine(
        value => !value.includes('\u0000'),
        'must not hold a NUL character',
      ),
  })
  .strict();
