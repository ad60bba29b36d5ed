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
import {
  Audience,
  DescribedField,
  Destination,
  DestinationField,
  DestinationFieldSchema,
  FieldMapping,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { destinationLabel } from './destinationLabel';

export interface FieldMappingRowErrors {
  source?: string;
  destinationField?: string;
  /** About the row as a whole. */
  row?: string;
}

export interface FieldMappingsFieldsProps {
  /** Prefix of the inputs' ids. */
  id: string;
  mappings: FieldMapping[];
  onChange: (mappings: FieldMapping[]) => void;
  audience?: Audience;
  destination?: Destination;
  /** The object's fields as the server described them: a picker of them, or suggestions where any name goes. */
  fieldSchema?: DestinationFieldSchema;
  error?: string;
  rowErrors: Record<number, FieldMappingRowErrors>;
}

type Source = FieldMapping['source'];

const sourceValue = (source: Source) => `${source.kind}:${source.name}`;

function parseSourceValue(value: string): Source {
  const [kind, ...name] = value.split(':');
  return { kind: kind as Source['kind'], name: name.join(':') };
}

/** Where a new row starts: the first trait, or the first attribute when the audience has no traits. */
function firstSource(audience: Audience | undefined): Source | undefined {
  if (audience?.traits.length) {
    return { kind: 'trait', name: audience.traits[0] };
  }
  if (audience?.attributes.length) {
    return { kind: 'attribute', name: audience.attributes[0] };
  }
  return undefined;
}

/** How the picker shows a described field: its label, the name that is sent, and its type. */
export function describedFieldLabel(field: DescribedField): string {
  const name =
    field.label === field.name ? field.name : `${field.label} — ${field.name}`;
  return `${name} (${field.type}${field.required ? ', required' : ''})`;
}

/** The fields to pick from, when the destination takes only those. */
function pickable(
  accepted: Destination['capabilities']['additionalFields'] | undefined,
  schema: DestinationFieldSchema | undefined,
): DestinationField[] | undefined {
  if (schema && !schema.acceptsAnyField) {
    return schema.fields.map(f => ({
      field: f.name,
      label: describedFieldLabel(f),
    }));
  }
  return Array.isArray(accepted) ? accepted : undefined;
}

/**
 * Traits and attributes sent beside the identifier. A destination that takes identifiers only
 * gets no "Add" button and says why; mappings it already has stay visible so they can be removed. The
 * destination's fields are picked by label and sent by name; free text only where it takes any name.
 */
export const FieldMappingsFields = ({
  id,
  mappings,
  onChange,
  audience,
  destination,
  fieldSchema,
  error,
  rowErrors,
}: FieldMappingsFieldsProps) => {
  const accepted = destination?.capabilities.additionalFields;
  const fieldOptions = pickable(accepted, fieldSchema);
  const suggestions = fieldSchema?.acceptsAnyField
    ? fieldSchema.fields ?? []
    : [];
  const traits = audience?.traits ?? [];
  const attributes = audience?.attributes ?? [];
  const newRowSource = firstSource(audience);
  const setRow = (index: number, change: Partial<FieldMapping>) =>
    onChange(
      mappings.map((mapping, i) =>
        i === index ? { ...mapping, ...change } : mapping,
      ),
    );

  return (
    <Box>
      <FormLabel component="legend" error={Boolean(error)}>
        Field mappings
      </FormLabel>
      {accepted === 'none' && (
        <Typography variant="body2" color="textSecondary">
          {`Not all destinations support additional fields: ad platforms typically only accept identifiers. ${
            destination ? destinationLabel(destination) : 'This destination'
          } takes identifiers only, so no additional fields can be mapped.`}
        </Typography>
      )}
      {accepted !== 'none' && fieldSchema?.acceptsAnyField && (
        <Typography variant="body2" color="textSecondary">
          {`${destination?.name} takes any field name; a new one is created as it is named.`}
        </Typography>
      )}
      {accepted !== 'none' && mappings.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          Only the identifier is sent.
        </Typography>
      )}
      {mappings.map((mapping, index) => {
        const rowError = rowErrors[index] ?? {};
        const { source } = mapping;
        const known =
          !source.name ||
          (source.kind === 'trait' ? traits : attributes).includes(source.name);
        return (
          <Grid container spacing={1} alignItems="flex-start" key={index}>
            <Grid item xs={5}>
              <TextField
                select
                fullWidth
                variant="outlined"
                margin="dense"
                id={`${id}-${index}-source`}
                label={`Source field ${index + 1}`}
                value={sourceValue(source)}
                onChange={event =>
                  setRow(index, {
                    source: parseSourceValue(event.target.value),
                  })
                }
                error={Boolean(rowError.source || rowError.row)}
                helperText={rowError.source}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
              >
                {!known && (
                  <option value={sourceValue(source)}>
                    {source.name} ({source.kind})
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
              <TextField
                select={Boolean(fieldOptions)}
                fullWidth
                variant="outlined"
                margin="dense"
                id={`${id}-${index}-destination`}
                label={`Destination field ${index + 1}`}
                value={mapping.destinationField}
                onChange={event =>
                  setRow(index, { destinationField: event.target.value })
                }
                error={Boolean(rowError.destinationField || rowError.row)}
                helperText={rowError.destinationField}
                SelectProps={fieldOptions ? { native: true } : undefined}
                InputLabelProps={{ shrink: true }}
                inputProps={
                  !fieldOptions && suggestions.length > 0
                    ? { list: `${id}-${index}-suggestions` }
                    : undefined
                }
              >
                {fieldOptions && (
                  <>
                    <option value="" disabled>
                      Choose a field
                    </option>
                    {!fieldOptions.some(
                      f => f.field === mapping.destinationField,
                    ) &&
                      mapping.destinationField && (
                        <option value={mapping.destinationField}>
                          {mapping.destinationField}
                        </option>
                      )}
                    {fieldOptions.map(field => (
                      <option key={field.field} value={field.field}>
                        {field.label}
                      </option>
                    ))}
                  </>
                )}
              </TextField>
            </Grid>
            {!fieldOptions && suggestions.length > 0 && (
              <datalist id={`${id}-${index}-suggestions`}>
                {suggestions.map(field => (
                  <option key={field.name} value={field.name}>
                    {describedFieldLabel(field)}
                  </option>
                ))}
              </datalist>
            )}
            <Grid item xs={1}>
              <IconButton
                aria-label={`Remove field mapping ${index + 1}`}
                onClick={() => onChange(mappings.filter((_, i) => i !== index))}
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
      {accepted !== 'none' && newRowSource && (
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() =>
            onChange([
              ...mappings,
              { source: newRowSource, destinationField: '' },
            ])
          }
        >
          Add field mapping
        </Button>
      )}
    </Box>
  );
};
