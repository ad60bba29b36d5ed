import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Alert from '@material-ui/lab/Alert';
import {
  Audience,
  Destination,
  EntityKey,
  IdentifierMapping,
  identifierOptions,
  identifierProblems,
  unmatchableIdentifierProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useEffect } from 'react';

export interface IdentifierChoicesProps {
  value?: IdentifierMapping;
  onChange: (identifier: IdentifierMapping) => void;
  audience: Audience;
  destination: Destination;
}

const keyOf = (mapping: IdentifierMapping) =>
  `${mapping.entityKey}:${mapping.field}`;

function parseKey(key: string): IdentifierMapping {
  const [entityKey, ...field] = key.split(':');
  return { entityKey: entityKey as EntityKey, field: field.join(':') };
}

/**
 * The mappings this audience and destination allow, one radio each, marking the ones the destination receives
 * hashed. When there is exactly one, it is chosen for the user.
 */
export const IdentifierChoices = ({
  value,
  onChange,
  audience,
  destination,
}: IdentifierChoicesProps) => {
  const options = identifierOptions(audience, destination);
  const onlyKey = options.length === 1 ? keyOf(options[0]) : undefined;
  // The form starts an object field at `{}`: nothing is chosen until it has an entity key.
  const chosen = Boolean(value?.entityKey);
  useEffect(() => {
    if (!chosen && onlyKey) {
      onChange(parseKey(onlyKey));
    }
  }, [chosen, onlyKey, onChange]);

  if (options.length === 0) {
    return (
      <>
        {unmatchableIdentifierProblems(audience, destination).map(problem => (
          <FormHelperText error key={problem.message}>
            {problem.message}
          </FormHelperText>
        ))}
      </>
    );
  }
  const selected = options.find(o => value && keyOf(o) === keyOf(value));
  // A mapping that is not offered, e.g. after the destination changed, says what is wrong with it.
  const problems =
    value?.entityKey && !selected
      ? identifierProblems(value, audience, destination)
      : [];
  return (
    <>
      <RadioGroup
        value={selected ? keyOf(selected) : ''}
        onChange={event => onChange(parseKey(event.target.value))}
      >
        {options.map(option => (
          <FormControlLabel
            key={keyOf(option)}
            value={keyOf(option)}
            control={<Radio />}
            label={`${option.entityKey} → ${option.label}${
              option.hashed ? ' (SHA-256 hashed)' : ''
            }`}
          />
        ))}
      </RadioGroup>
      {problems.map(problem => (
        <FormHelperText error key={problem.message}>
          {problem.message}
        </FormHelperText>
      ))}
      {selected?.hashed && (
        <Box mt={1}>
          <Alert severity="info">
            Values are normalized and SHA-256 hashed before sending to{' '}
            {destination.name}. You do not need to pre-hash your data.
          </Alert>
        </Box>
      )}
    </>
  );
};
