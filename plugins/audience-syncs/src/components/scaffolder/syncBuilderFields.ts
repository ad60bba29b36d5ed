import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import {
  ENTITY_KEYS,
  SCHEDULE_TYPES,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AlertThresholds } from './AlertThresholds/AlertThresholds';
import { validateAlertThresholds } from './AlertThresholds/validateAlertThresholds';
import { AudiencePicker } from './AudiencePicker/AudiencePicker';
import { validateAudiencePicker } from './AudiencePicker/validateAudiencePicker';
import { AudienceSyncReview } from './AudienceSyncReview/AudienceSyncReview';
import { validateAudienceSyncReview } from './AudienceSyncReview/validateAudienceSyncReview';
import { DestinationObjectPicker } from './DestinationObjectPicker/DestinationObjectPicker';
import { validateDestinationObjectPicker } from './DestinationObjectPicker/validateDestinationObjectPicker';
import { FieldMappings } from './FieldMappings/FieldMappings';
import { validateFieldMappings } from './FieldMappings/validateFieldMappings';
import { IdentifierMapping } from './IdentifierMapping/IdentifierMapping';
import { validateIdentifierMapping } from './IdentifierMapping/validateIdentifierMapping';
import { SchedulePicker } from './SchedulePicker/SchedulePicker';
import { validateSchedulePicker } from './SchedulePicker/validateSchedulePicker';

/*
 * The custom fields of the sync builder, the `create-audience-sync` template, for both
 * frontend systems. Each `name` is what the template's `ui:field` says; each schema documents the value the
 * field writes (shown by the template editor), which is the matching part of the create request.
 */

export const audiencePickerField = {
  name: 'AudiencePicker',
  component: AudiencePicker,
  validation: validateAudiencePicker,
  schema: makeFieldSchema({
    output: z => z.string().describe('Id of the audience to sync'),
  }),
};

export const destinationObjectPickerField = {
  name: 'DestinationObjectPicker',
  component: DestinationObjectPicker,
  validation: validateDestinationObjectPicker,
  schema: makeFieldSchema({
    output: z =>
      z.object({
        destinationId: z.string().describe('Id of the destination'),
        object: z
          .union([
            z.object({ id: z.string() }),
            z.object({ create: z.object({ name: z.string() }) }),
          ])
          .describe(
            'An existing object by id, or a new one the sync creates when it is saved',
          ),
      }),
  }),
};

export const identifierMappingField = {
  name: 'IdentifierMapping',
  component: IdentifierMapping,
  validation: validateIdentifierMapping,
  schema: makeFieldSchema({
    output: z =>
      z.object({
        entityKey: z.enum(ENTITY_KEYS),
        field: z.string().describe("The destination's identifier field"),
      }),
  }),
};

export const fieldMappingsField = {
  name: 'FieldMappings',
  component: FieldMappings,
  validation: validateFieldMappings,
  schema: makeFieldSchema({
    output: z =>
      z.array(
        z.object({
          source: z.object({
            kind: z.enum(['trait', 'attribute']),
            name: z.string(),
          }),
          destinationField: z.string(),
        }),
      ),
  }),
};

export const schedulePickerField = {
  name: 'SchedulePicker',
  component: SchedulePicker,
  validation: validateSchedulePicker,
  schema: makeFieldSchema({
    output: z =>
      z.object({
        type: z.enum(SCHEDULE_TYPES),
        cron: z.string().optional().describe('Five-field cron expression'),
        timezone: z.string().optional().describe('IANA time zone; UTC if none'),
      }),
  }),
};

export const alertThresholdsField = {
  name: 'AlertThresholds',
  component: AlertThresholds,
  validation: validateAlertThresholds,
  schema: makeFieldSchema({
    output: z =>
      z.object({
        invalidShare: z
          .number()
          .optional()
          .describe(
            "Notify when a run finds more than this share (0-1) of the audience's members invalid",
          ),
        rowCountSwing: z
          .number()
          .optional()
          .describe(
            "Notify when the audience size changes by more than this share (0-1) of the previous run's",
          ),
      }),
  }),
};

export const audienceSyncReviewField = {
  name: 'AudienceSyncReview',
  component: AudienceSyncReview,
  validation: validateAudienceSyncReview,
  schema: makeFieldSchema({
    output: z =>
      z
        .string()
        .describe(
          'Set once the review is shown, so that its validation (a dry run of the create) runs',
        ),
  }),
};
