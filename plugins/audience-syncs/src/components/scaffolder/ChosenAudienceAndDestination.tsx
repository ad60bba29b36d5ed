import { Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Audience,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ReactNode } from 'react';
import { serverMessage } from '../common/errorMessages';
import { SyncBuilderFormData } from './SyncBuilderFormData';
import { useAudience } from './useAudience';
import { useDestination } from './useDestination';

export interface ChosenAudienceAndDestinationProps {
  formData: SyncBuilderFormData;
  children: (chosen: {
    audience: Audience;
    destination: Destination;
  }) => ReactNode;
}

/**
 * Loads the audience and destination chosen on earlier pages and renders `children` with them. A field that
 * depends on both says which one is missing instead of offering choices it cannot check.
 */
export const ChosenAudienceAndDestination = ({
  formData,
  children,
}: ChosenAudienceAndDestinationProps) => {
  const audienceId = formData.audienceId;
  const destinationId = formData.destination?.destinationId;
  const audience = useAudience(audienceId);
  const destination = useDestination(destinationId);

  if (!audienceId || !destinationId) {
    return (
      <Typography variant="body2" color="textSecondary">
        {audienceId
          ? 'Choose the destination first.'
          : 'Choose the audience first.'}
      </Typography>
    );
  }
  const error = audience.error ?? destination.error;
  if (error) {
    return (
      <Alert severity="error">
        The chosen audience and destination could not be loaded:{' '}
        {serverMessage(error)}
      </Alert>
    );
  }
  if (!audience.value || !destination.value) {
    return <Progress />;
  }
  return (
    <>
      {children({ audience: audience.value, destination: destination.value })}
    </>
  );
};
