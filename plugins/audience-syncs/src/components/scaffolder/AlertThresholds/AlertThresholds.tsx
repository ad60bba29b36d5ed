import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { AlertThresholds as Thresholds } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import { AlertThresholdsPicker } from '../../common/AlertThresholdsPicker';
import {
  alertThresholdsErrors,
  toAlertThresholds,
  toAlertThresholdsDraft,
} from '../../common/alertThresholdsDraft';

/** The builder's alert thresholds (schedule page): blank ones are left out, so the backend's defaults apply. */
export const AlertThresholds = ({
  formData,
  onChange,
  idSchema,
}: FieldExtensionComponentProps<Thresholds>) => {
  // The inputs keep what is typed; the form gets the shares it means.
  const [draft, setDraft] = useState(() => toAlertThresholdsDraft(formData));
  return (
    <AlertThresholdsPicker
      id={idSchema?.$id ?? 'alerts'}
      value={draft}
      onChange={next => {
        setDraft(next);
        onChange(toAlertThresholds(next));
      }}
      errors={alertThresholdsErrors(toAlertThresholds(draft))}
    />
  );
};
