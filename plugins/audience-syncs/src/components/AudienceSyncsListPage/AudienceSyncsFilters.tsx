import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  Audience,
  Destination,
  SYNC_STATUSES,
  SyncStatus,
} from '@internal/plugin-audience-syncs-common';
import { ChangeEvent } from 'react';
import { SyncListQuery } from './useSyncListQuery';

const STATUS_LABELS: Record<SyncStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  errored: 'Errored',
};

export interface AudienceSyncsFiltersProps {
  query: SyncListQuery;
  onChange: (change: Partial<SyncListQuery>) => void;
  audiences: Audience[];
  destinations: Destination[];
}

/** Search box and the status, destination and audience filters of the list. */
export const AudienceSyncsFilters = ({
  query,
  onChange,
  audiences,
  destinations,
}: AudienceSyncsFiltersProps) => {
  const select =
    (key: 'status' | 'audienceId' | 'destinationId') =>
    (event: ChangeEvent<HTMLInputElement>) =>
      onChange({ [key]: event.target.value || undefined });

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={3}>
        <TextField
          fullWidth
          variant="outlined"
          size="small"
          id="audience-syncs-search"
          label="Search"
          placeholder="Sync or object name"
          value={query.search}
          onChange={event => onChange({ search: event.target.value })}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <TextField
          select
          fullWidth
          variant="outlined"
          size="small"
          id="audience-syncs-status-filter"
          label="Status"
          value={query.status ?? ''}
          onChange={select('status')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">All statuses</option>
          {SYNC_STATUSES.map(status => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <TextField
          select
          fullWidth
          variant="outlined"
          size="small"
          id="audience-syncs-destination-filter"
          label="Destination"
          value={query.destinationId ?? ''}
          onChange={select('destinationId')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">All destinations</option>
          {destinations.map(destination => (
            <option key={destination.id} value={destination.id}>
              {destination.name} ({destination.typeLabel})
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <TextField
          select
          fullWidth
          variant="outlined"
          size="small"
          id="audience-syncs-audience-filter"
          label="Audience"
          value={query.audienceId ?? ''}
          onChange={select('audienceId')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">All audiences</option>
          {audiences.map(audience => (
            <option key={audience.id} value={audience.id}>
              {audience.name}
            </option>
          ))}
        </TextField>
      </Grid>
    </Grid>
  );
};
