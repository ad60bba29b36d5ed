import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  AUDIENCE_ID_ANNOTATION,
  DESTINATION_ID_ANNOTATION,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { isAudienceEntity } from '../EntityAudienceSyncsCard/isAudienceEntity';
import { AudienceSummaryCard } from './AudienceSummaryCard';
import { PagedEntitySyncs } from './PagedEntitySyncs';
import { MemberTimelineCard } from '../MemberTimeline';

/**
 * The "Audience Syncs" tab of an audience or destination entity: every sync of it, paginated, and for an
 * audience its facts and "Create Sync". Its links need the Audience Syncs pages to be mounted in the app.
 */
export const EntityAudienceSyncsContent = () => {
  const { entity } = useEntity();
  const audience = isAudienceEntity(entity);
  const annotation = audience
    ? AUDIENCE_ID_ANNOTATION
    : DESTINATION_ID_ANNOTATION;
  const id = entity.metadata.annotations?.[annotation];
  if (!id) {
    return <MissingAnnotationEmptyState annotation={annotation} />;
  }

  return (
    <Grid container spacing={3}>
      {audience && (
        <Grid item xs={12}>
          <AudienceSummaryCard audienceId={id} />
        </Grid>
      )}
      <Grid item xs={12}>
        <PagedEntitySyncs
          filter={audience ? { audienceId: id } : { destinationId: id }}
        />
      </Grid>
      {audience && (
        <Grid item xs={12}>
          <MemberTimelineCard audienceId={id} />
        </Grid>
      )}
    </Grid>
  );
};
