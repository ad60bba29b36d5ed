import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { ChangeEvent } from 'react';

export interface FilterSelectProps {
  id: string;
  label: string;
  /** The first option, which clears the filter. */
  allLabel: string;
  value: string | undefined;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  options: Array<{ value: string; label: string }>;
}

/** One filter of the list: a native select whose first option means "no filter". */
export const FilterSelect = ({
  id,
  label,
  allLabel,
  value,
  onChange,
  options,
}: FilterSelectProps) => (
  <Grid item xs={12} sm={4} md={3}>
    <TextField
      select
      fullWidth
      variant="outlined"
      size="small"
      id={id}
      label={label}
      value={value ?? ''}
      onChange={onChange}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{allLabel}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  </Grid>
);
