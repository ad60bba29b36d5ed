import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  Audience,
  audienceProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { audienceSyncsApiRef } from '../../../api';
import { serverMessage } from '../../common/errorMessages';
import { useAudience } from '../useAudience';
import { AudienceOption } from './AudienceOption';

const SEARCH_DEBOUNCE_MS = 250;
/** Audiences listed per search; typing narrows the list further. */
const SEARCH_LIMIT = 50;

/** The server already matched the search text, so the list is shown as it came. */
const keepServerOrder = (options: Audience[]) => options;

/**
 * The audience to sync, searched by name on the server. Every audience is listed with its entity
 * type, member count and last evaluation; one that was never evaluated or has no members is disabled and says
 * why. A pre-selected audience (from the URL's `formData`) shows as chosen, with its reason if it cannot be
 * synced.
 */
export const AudiencePicker = ({
  formData,
  onChange,
  rawErrors,
  required,
  disabled,
  schema,
  idSchema,
}: FieldExtensionComponentProps<string>) => {
  const api = useApi(audienceSyncsApiRef);
  const [search, setSearch] = useState('');
  const [debouncedSearch, setDebouncedSearch] = useState('');
  useDebounce(() => setDebouncedSearch(search), SEARCH_DEBOUNCE_MS, [search]);
  const results = useAsync(
    () =>
      api.listAudiences({
        search: debouncedSearch || undefined,
        limit: SEARCH_LIMIT,
      }),
    [api, debouncedSearch],
  );
  // The chosen audience may be outside the current search results, e.g. when it came from the URL.
  const chosen = useAudience(formData);

  const found = results.value?.items ?? [];
  const value =
    found.find(a => a.id === formData) ??
    (chosen.value?.id === formData ? chosen.value : undefined);
  const options = value && !found.includes(value) ? [value, ...found] : found;

  const refusal = value && audienceProblems(value.id, value)[0]?.message;
  let helperText: string =
    schema.description ??
    'Search by name. Only audiences that were evaluated and have members can be synced.';
  if (rawErrors?.length) {
    helperText = rawErrors.join(' ');
  } else if (refusal) {
    helperText = refusal;
  } else if (chosen.error) {
    helperText = serverMessage(chosen.error);
  } else if (results.error) {
    helperText = `The audiences could not be loaded: ${serverMessage(
      results.error,
    )}`;
  }

  return (
    <Autocomplete
      id={idSchema?.$id ?? 'audienceId'}
      options={options}
      value={value ?? null}
      loading={results.loading}
      disabled={disabled}
      filterOptions={keepServerOrder}
      getOptionLabel={audience => audience.name}
      getOptionSelected={(option, selected) => option.id === selected.id}
      getOptionDisabled={audience =>
        audienceProblems(audience.id, audience).length > 0
      }
      onInputChange={(_event, text, reason) => {
        // 'reset' is the chosen audience's name being filled in, not a search.
        if (reason !== 'reset') {
          setSearch(text);
        }
      }}
      onChange={(_event, audience) => onChange(audience?.id)}
      renderOption={audience => <AudienceOption audience={audience} />}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Audience'}
          required={required}
          variant="outlined"
          margin="dense"
          error={Boolean(rawErrors?.length || refusal || results.error)}
          helperText={helperText}
        />
      )}
    />
  );
};
