import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { AlertThresholds } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { alertThresholdsErrors } from '../../common/alertThresholdsDraft';

/** Each threshold given is a percentage more than 0 and at most 100; none is required. */
export const validateAlertThresholds: CustomFieldValidator<AlertThresholds> = (
  thresholds,
  validation,
) => {
  const errors = alertThresholdsErrors(thresholds);
  if (errors.invalidShare) {
    validation.addError(`Invalid members alert: ${errors.invalidShare}`);
  }
  if (errors.rowCountSwing) {
    validation.addError(`Audience size alert: ${errors.rowCountSwing}`);
  }
};
