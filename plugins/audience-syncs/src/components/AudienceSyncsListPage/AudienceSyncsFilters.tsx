import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  Audience,
  Destination,
  SYNC_STATUSES,
  SyncStatus,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ChangeEvent } from 'react';
import { FilterSelect } from './FilterSelect';
import { SyncListQuery } from './useSyncListQuery';
import { destinationLabel } from '../common/destinationLabel';

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
      <FilterSelect
        id="audience-syncs-status-filter"
        label="Status"
        allLabel="All statuses"
        value={query.status}
        onChange={select('status')}
        options={SYNC_STATUSES.map(status => ({
          value: status,
          label: STATUS_LABELS[status],
        }))}
      />
      <FilterSelect
        id="audience-syncs-destination-filter"
        label="Destination"
        allLabel="All destinations"
        value={query.destinationId}
        onChange={select('destinationId')}
        options={destinations.map(destination => ({
          value: destination.id,
          label: destinationLabel(destination),
        }))}
      />
      <FilterSelect
        id="audience-syncs-audience-filter"
        label="Audience"
        allLabel="All audiences"
        value={query.audienceId}
        onChange={select('audienceId')}
        options={audiences.map(audience => ({
          value: audience.id,
          label: audience.name,
        }))}
      />
    </Grid>
  );
};
