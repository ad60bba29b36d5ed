import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { syncRouteRef } from '../../routes';
import { AudienceSyncOverview } from './AudienceSyncOverview';
import { useSyncDetails } from './useSyncDetails';

/** `/audience-syncs/:syncId`: one sync, monitored and managed. */
export const AudienceSyncDetailPage = () => {
  const { syncId } = useRouteRefParams(syncRouteRef);
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

  // What the sync connects, unless its name already says so (the default name is exactly this).
  const route = details
    ? `${details.audience?.name ?? details.sync.audienceId} → ${
        details.destination?.name ?? details.sync.destinationId
      } / ${details.sync.object.name}`
    : undefined;
  const subtitle = route === details?.sync.name ? undefined : route;

  // The header names the sync once: with a type link, Backstage's header repeats the title in a breadcrumb,
  // so the page is labelled by its kind instead, as catalog entity pages are (the sidebar leads back to the list).
  return (
    <Page themeId="tool">
      <Header
        title={details?.sync.name ?? 'Audience Sync'}
        subtitle={subtitle}
        type="Audience Sync"
      />
      <Content>{body}</Content>
    </Page>
  );
};
