import Box from '@material-ui/core/Box';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';

/** The form's removal guard settings, as typed; blank is the backend's default. */
export interface RemovalGuardDraft {
  /** Percent of the sync's list. */
  maxSharePercent: string;
  minRemovals: string;
}

export interface RemovalGuardFieldsProps {
  value: RemovalGuardDraft;
  onChange: (value: RemovalGuardDraft) => void;
  errors: { maxShare?: string; minRemovals?: string };
}

/**
 * The sync's own removal guard: a run removing more than the share and the minimum waits for an
 * approval. Blank keeps the backend's default; the backend refuses values beyond its operator's limits.
 */
export const RemovalGuardFields = ({
  value,
  onChange,
  errors,
}: RemovalGuardFieldsProps) => (
  <Box component="fieldset" border={0} p={0} m={0}>
    <FormLabel component="legend">Removal guard</FormLabel>
    <Typography variant="body2" color="textSecondary">
      A run that would remove more than this share of the list, and more than
      this many members, waits for an approval. Leave blank for the default.
    </Typography>
    <Box display="flex" mt={1} style={{ gap: 16 }}>
      <TextField
        id="edit-sync-guard-share"
        label="Largest share removed without approval (%)"
        type="number"
        inputProps={{ min: 0, max: 100, step: 'any' }}
        value={value.maxSharePercent}
        onChange={event =>
          onChange({ ...value, maxSharePercent: event.target.value })
        }
        error={Boolean(errors.maxShare)}
        helperText={errors.maxShare}
      />
      <TextField
        id="edit-sync-guard-minimum"
        label="Removals always allowed"
        type="number"
        inputProps={{ min: 0, step: 1 }}
        value={value.minRemovals}
        onChange={event =>
          onChange({ ...value, minRemovals: event.target.value })
        }
        error={Boolean(errors.minRemovals)}
        helperText={errors.minRemovals}
      />
    </Box>
  </Box>
);
