import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import {
  SYNC_MODES,
  SyncMode,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SYNC_MODE_LABELS } from '../common/labels';

export interface ModeFieldProps {
  value: SyncMode;
  onChange: (mode: SyncMode) => void;
  error?: string;
}

/** Mirror, additive or subtractive. */
export const ModeField = ({ value, onChange, error }: ModeFieldProps) => (
  <FormControl component="fieldset" error={Boolean(error)} fullWidth>
    <FormLabel component="legend">Sync mode</FormLabel>
    <RadioGroup
      value={value}
      onChange={event => onChange(event.target.value as SyncMode)}
    >
      {SYNC_MODES.map(mode => (
        <FormControlLabel
          key={mode}
          value={mode}
          control={<Radio />}
          label={`${SYNC_MODE_LABELS[mode].label}: ${SYNC_MODE_LABELS[mode].description}`}
        />
      ))}
    </RadioGroup>
    {error && <FormHelperText>{error}</FormHelperText>}
  </FormControl>
);
