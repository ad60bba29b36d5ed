import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef, useRouteRefParams } from '@backstage/core-plugin-api';
import { rootRouteRef, syncRouteRef } from '../../routes';
import { AudienceSyncOverview } from './AudienceSyncOverview';
import { useSyncDetails } from './useSyncDetails';

/** `/audience-syncs/:syncId`: one sync, monitored and managed. */
export const AudienceSyncDetailPage = () => {
  const { syncId } = useRouteRefParams(syncRouteRef);
  const listLink = useRouteRef(rootRouteRef);
  const { loading, error, details, setSync, refreshSync, refreshError } =
    useSyncDetails(syncId);

  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (loading || !details) {
    body = <Progress />;
  } else {
    body = (
      <AudienceSyncOverview
        details={details}
        setSync={setSync}
        refreshSync={refreshSync}
        refreshError={refreshError}
      />
    );
  }

  const subtitle = details
    ? `${details.audience?.name ?? details.sync.audienceId} → ${
        details.destination?.name ?? details.sync.destinationId
      } / ${details.sync.object.name}`
    : undefined;

  return (
    <Page themeId="tool">
      <Header
        title={details?.sync.name ?? 'Audience Sync'}
        subtitle={subtitle}
        type="Audience Syncs"
        typeLink={listLink()}
      />
      <Content>{body}</Content>
    </Page>
  );
};
