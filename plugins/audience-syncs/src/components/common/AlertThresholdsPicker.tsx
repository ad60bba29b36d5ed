import Box from '@material-ui/core/Box';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  AlertThresholdsDraft,
  AlertThresholdsErrors,
} from './alertThresholdsDraft';

export interface AlertThresholdsPickerProps {
  /** Prefix of the inputs' ids. */
  id: string;
  value: AlertThresholdsDraft;
  onChange: (value: AlertThresholdsDraft) => void;
  errors: AlertThresholdsErrors;
}

/**
 * When the sync's owners are notified about a run's data: the share of the audience's members the
 * destination cannot take, and how much the audience size may move since the previous run. Blank keeps
 * the backend's default.
 */
export const AlertThresholdsPicker = ({
  id,
  value,
  onChange,
  errors,
}: AlertThresholdsPickerProps) => (
  <Box component="fieldset" border={0} p={0} m={0}>
    <FormLabel component="legend">Alerts</FormLabel>
    <Typography variant="body2" color="textSecondary">
      The sync's owner and the audience's owner are notified when a run finds
      more invalid members, or a larger change in the audience's size, than
      this. Leave blank for the default.
    </Typography>
    <Box display="flex" mt={1} style={{ gap: 16 }}>
      <TextField
        id={`${id}-invalid-share`}
        label="Invalid members above (%)"
        type="number"
        inputProps={{ min: 0, max: 100, step: 'any' }}
        value={value.invalidSharePercent}
        onChange={event =>
          onChange({ ...value, invalidSharePercent: event.target.value })
        }
        error={Boolean(errors.invalidShare)}
        helperText={errors.invalidShare}
      />
      <TextField
        id={`${id}-row-count-swing`}
        label="Audience size change above (%)"
        type="number"
        inputProps={{ min: 0, max: 100, step: 'any' }}
        value={value.rowCountSwingPercent}
        onChange={event =>
          onChange({ ...value, rowCountSwingPercent: event.target.value })
        }
        error={Boolean(errors.rowCountSwing)}
        helperText={errors.rowCountSwing}
      />
    </Box>
  </Box>
);
