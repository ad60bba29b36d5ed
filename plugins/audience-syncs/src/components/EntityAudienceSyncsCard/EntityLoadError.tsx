import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { serverMessage, statusOf } from '../common/errorMessages';

export interface EntityLoadErrorProps {
  error: Error;
  /** What the entity stands for in Audience Syncs, and its id from the entity's annotation. */
  subject: 'audience' | 'destination';
  id: string;
}

/**
 * Why an audience or destination entity's syncs cannot be shown. A 404 means the entity outlived its audience or
 * destination (the catalog drops it on its next refresh), which is not a failure of the page.
 */
export const EntityLoadError = ({ error, subject, id }: EntityLoadErrorProps) =>
  statusOf(error) === 404 ? (
    <Alert severity="warning">
      <AlertTitle>Unknown {subject}</AlertTitle>
      This entity refers to the {subject} <code>{id}</code>, which Audience
      Syncs does not know. It may have been removed since the catalog last
      refreshed.
    </Alert>
  ) : (
    <Alert severity="error">
      <AlertTitle>The {subject}&apos;s syncs could not be loaded</AlertTitle>
      {serverMessage(error)}
    </Alert>
  );
