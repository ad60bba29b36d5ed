import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { SyncDryRunResponse } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { INCOMPLETE_FORM } from '../toCreateSyncRequest';
import { dryRunProblems } from './dryRunProblems';
import { ProjectedFirstRun } from './ProjectedFirstRun';

export interface DryRunResultProps {
  loading: boolean;
  error?: Error;
  /** Undefined when the form was incomplete and nothing was checked. */
  value?: SyncDryRunResponse;
}

/** "Ready to create" with the server's warnings, or each problem that would make the server refuse the sync. */
export const DryRunResult = ({ loading, error, value }: DryRunResultProps) => {
  if (loading) {
    return (
      <>
        <Typography variant="body2">
          Checking the sync with the server…
        </Typography>
        <LinearProgress />
      </>
    );
  }
  if (error) {
    return (
      <Alert severity="error">
        <AlertTitle>Not ready to create</AlertTitle>
        <ul>
          {dryRunProblems(error).map(problem => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  if (!value) {
    return <Alert severity="error">{INCOMPLETE_FORM}</Alert>;
  }
  return (
    <>
      <Alert severity="success">
        <AlertTitle>Ready to create</AlertTitle>“{value.sync.name}” passed every
        check of the server. Nothing is saved until you confirm and save it.
      </Alert>
      <Box mt={1}>
        <ProjectedFirstRun
          projection={value.firstRun}
          mode={value.sync.mode}
          identifier={value.sync.identifier}
        />
      </Box>
      {value.warnings.map(warning => (
        <Box mt={1} key={warning}>
          <Alert severity="warning">{warning}</Alert>
        </Box>
      ))}
    </>
  );
};
