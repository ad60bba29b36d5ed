import { InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { ReactNode } from 'react';
import { EntityLoadError } from './EntityLoadError';
import { EntitySyncsTable } from './EntitySyncsTable';
import { NoSyncsYet } from './NoSyncsYet';
import { EntitySyncsFilter, useEntitySyncs } from './useEntitySyncs';

export const ENTITY_SYNCS_CARD_TITLE = 'Audience Syncs';

type Loaded<T> = { value?: T; error?: Error };

/**
 * What both entity cards share: the audience's or destination's own state (a removed one gets a clear
 * message rather than an empty list), loading, and its first syncs or the empty state.
 */
export function EntitySyncsCard<T>(props: {
  subject: 'audience' | 'destination';
  id: string;
  filter: EntitySyncsFilter;
  loaded: Loaded<T>;
  /** The card's header parts and what stands above the syncs, from the loaded audience or destination. */
  render: (value: T) => {
    action?: ReactNode;
    subheader?: string;
    summary?: ReactNode;
  };
}) {
  const { subject, id, filter, loaded } = props;
  const { syncs, lookups, moreLink } = useEntitySyncs(filter);

  const error = loaded.error ?? syncs.error;
  if (error) {
    return (
      <InfoCard title={ENTITY_SYNCS_CARD_TITLE}>
        <EntityLoadError error={error} subject={subject} id={id} />
      </InfoCard>
    );
  }
  if (!loaded.value || !syncs.value) {
    return (
      <InfoCard title={ENTITY_SYNCS_CARD_TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  const { action, subheader, summary } = props.render(loaded.value);
  const { items } = syncs.value;
  return (
    <InfoCard
      title={ENTITY_SYNCS_CARD_TITLE}
      action={action}
      subheader={subheader}
      deepLink={moreLink}
    >
      {summary}
      <Box mt={summary ? 2 : 0}>
        {items.length === 0 ? (
          <NoSyncsYet subject={subject} />
        ) : (
          <EntitySyncsTable
            syncs={items}
            lookups={lookups.value}
            counterpart={subject === 'audience' ? 'destination' : 'audience'}
          />
        )}
      </Box>
    </InfoCard>
  );
}
