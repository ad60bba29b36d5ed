import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { Destination } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from '../../common/errorMessages';
import { audienceSyncsApiFrom } from '../audienceSyncsApiFrom';
import { DestinationChoice } from '../SyncBuilderFormData';
import { destinationChoiceProblems } from './destinationChoiceProblems';

/** Requires a destination that takes audience syncs and an object in it, checked against the server's destination. */
export const validateDestinationObjectPicker: CustomFieldValidator<
  DestinationChoice
> = async (choice, validation, { apiHolder }) => {
  let destination: Destination | undefined;
  if (choice?.destinationId) {
    try {
      destination = await audienceSyncsApiFrom(apiHolder).getDestination(
        choice.destinationId,
      );
    } catch (error) {
      validation.addError(serverMessage(error));
      return;
    }
  }
  destinationChoiceProblems(choice, destination).forEach(problem =>
    validation.addError(problem),
  );
};
