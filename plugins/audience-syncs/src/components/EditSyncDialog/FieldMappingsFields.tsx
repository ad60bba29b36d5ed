import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { Audience, Destination } from '@internal/plugin-audience-syncs-common';
import { EditSyncForm, FieldMappingRowErrors } from './editSyncForm';

type Row = EditSyncForm['fieldMappings'][number];

export interface FieldMappingsFieldsProps {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  audience?: Audience;
  destination?: Destination;
  error?: string;
  rowErrors: Record<number, FieldMappingRowErrors>;
}

const sourceValue = (row: Row) => `${row.sourceKind}:${row.sourceName}`;

/** Traits and attributes sent beside the identifier (guide, step 6). */
export const FieldMappingsFields = ({
  rows,
  onChange,
  audience,
  destination,
  error,
  rowErrors,
}: FieldMappingsFieldsProps) => {
  const accepted = destination?.capabilities.additionalFields;
  const setRow = (index: number, change: Partial<Row>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  if (accepted === 'none' && rows.length === 0) {
    return (
      <Box>
        <FormLabel component="legend">Field mappings</FormLabel>
        <Typography variant="body2" color="textSecondary">
          {destination?.name} ({destination?.typeLabel}) takes identifiers only:
          no additional fields can be mapped.
        </Typography>
      </Box>
    );
  }

  const traits = audience?.traits ?? [];
  const attributes = audience?.attributes ?? [];
  // A new row starts at the first trait, or the first attribute when the audience has no traits.
  let firstSource: Row | undefined;
  if (traits.length > 0) {
    firstSource = {
      sourceKind: 'trait',
      sourceName: traits[0],
      destinationField: '',
    };
  } else if (attributes.length > 0) {
    firstSource = {
      sourceKind: 'attribute',
      sourceName: attributes[0],
      destinationField: '',
    };
  }

  return (
    <Box>
      <FormLabel component="legend" error={Boolean(error)}>
        Field mappings
      </FormLabel>
      {rows.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          Only the identifier is sent.
        </Typography>
      )}
      {rows.map((row, index) => {
        const rowError = rowErrors[index] ?? {};
        const known =
          (row.sourceKind === 'trait' ? traits : attributes).includes(
            row.sourceName,
          ) || !row.sourceName;
        const fieldOptions = Array.isArray(accepted) ? accepted : undefined;
        return (
          <Grid container spacing={1} alignItems="flex-start" key={index}>
            <Grid item xs={5}>
              <TextField
                select
                fullWidth
                variant="outlined"
                margin="dense"
                id={`edit-sync-mapping-${index}-source`}
                label={`Source field ${index + 1}`}
                value={sourceValue(row)}
                onChange={event => {
                  const [kind, ...name] = event.target.value.split(':');
                  setRow(index, {
                    sourceKind: kind as Row['sourceKind'],
                    sourceName: name.join(':'),
                  });
                }}
                error={Boolean(rowError.source || rowError.row)}
                helperText={rowError.source}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
              >
                {!known && (
                  <option value={sourceValue(row)}>
                    {row.sourceName} ({row.sourceKind})
                  </option>
                )}
                <optgroup label="Traits">
                  {traits.map(name => (
                    <option key={`trait:${name}`} value={`trait:${name}`}>
                      {name} (trait)
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Attributes">
                  {attributes.map(name => (
                    <option
                      key={`attribute:${name}`}
                      value={`attribute:${name}`}
                    >
                      {name} (attribute)
                    </option>
                  ))}
                </optgroup>
              </TextField>
            </Grid>
            <Grid item xs={6}>
              {fieldOptions ? (
                <TextField
                  select
                  fullWidth
                  variant="outlined"
                  margin="dense"
                  id={`edit-sync-mapping-${index}-destination`}
                  label={`Destination field ${index + 1}`}
                  value={row.destinationField}
                  onChange={event =>
                    setRow(index, { destinationField: event.target.value })
                  }
                  error={Boolean(rowError.destinationField || rowError.row)}
                  helperText={rowError.destinationField}
                  SelectProps={{ native: true }}
                  InputLabelProps={{ shrink: true }}
                >
                  <option value="" disabled>
                    Choose a field
                  </option>
                  {!fieldOptions.some(f => f.field === row.destinationField) &&
                    row.destinationField && (
                      <option value={row.destinationField}>
                        {row.destinationField}
                      </option>
                    )}
                  {fieldOptions.map(field => (
                    <option key={field.field} value={field.field}>
                      {field.label}
                    </option>
                  ))}
                </TextField>
              ) : (
                <TextField
                  fullWidth
                  variant="outlined"
                  margin="dense"
                  id={`edit-sync-mapping-${index}-destination`}
                  label={`Destination field ${index + 1}`}
                  value={row.destinationField}
                  onChange={event =>
                    setRow(index, { destinationField: event.target.value })
                  }
                  error={Boolean(rowError.destinationField || rowError.row)}
                  helperText={rowError.destinationField}
                  InputLabelProps={{ shrink: true }}
                />
              )}
            </Grid>
            <Grid item xs={1}>
              <IconButton
                aria-label={`Remove field mapping ${index + 1}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                <DeleteIcon />
              </IconButton>
            </Grid>
            {rowError.row && (
              <Grid item xs={12}>
                <FormHelperText error>{rowError.row}</FormHelperText>
              </Grid>
            )}
          </Grid>
        );
      })}
      {error && <FormHelperText error>{error}</FormHelperText>}
      {accepted !== 'none' && firstSource && (
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => onChange([...rows, firstSource])}
        >
          Add field mapping
        </Button>
      )}
    </Box>
  );
};
