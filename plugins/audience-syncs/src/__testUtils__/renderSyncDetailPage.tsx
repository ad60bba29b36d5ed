import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityPresentationApi,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { Route, Routes } from 'react-router-dom';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../api';
import { AudienceSyncDetailPage } from '../components/AudienceSyncDetailPage';
import { rootRouteRef } from '../routes';
import { aDestination, anAudience, aRun, aSync } from './fixtures';
import { FakeAudienceSyncsApi } from './FakeAudienceSyncsApi';
import { FakePermissionApi } from './FakePermissionApi';

/** A backend with one active daily sync, its audience and destination, and one finished run. */
export function aSyncBackend(
  data: ConstructorParameters<typeof FakeAudienceSyncsApi>[0] = {},
) {
  return new FakeAudienceSyncsApi({
    audiences: [anAudience()],
    destinations: [aDestination()],
    syncs: [aSync()],
    runs: [aRun()],
    objects: {
      'salesforce-prod': [{ id: 'cmp-q1', name: 'Q1 Retention Campaign' }],
    },
    ...data,
  });
}

/** A catalog that knows the display names of some users and groups. */
function catalogNames(names: Record<string, string>): EntityPresentationApi {
  return {
    forEntity(entityRef) {
      const ref = String(entityRef);
      const snapshot = {
        entityRef: ref,
        primaryTitle: names[ref] ?? ref.replace(/^.*\//, ''),
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}

/**
 * The detail page of `syncId` at `/audience-syncs/:syncId`, with the list page's route beside it. The permission
 * framework allows everything unless `permissions` says otherwise; `displayNames` are what the catalog shows
 * for users and groups. With `signals`, the portal has the signals plugin; without, it has none.
 */
export function renderSyncDetailPage(
  api: AudienceSyncsApi,
  syncId = 'sync-1',
  permissions = new FakePermissionApi(),
  displayNames: Record<string, string> = {},
  signals?: SignalApi,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [audienceSyncsApiRef, api],
        [permissionApiRef, permissions],
        [entityPresentationApiRef, catalogNames(displayNames)],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      <Routes>
        <Route path="/audience-syncs" element={<div>The list page</div>} />
        <Route
          path="/audience-syncs/:syncId"
          element={<AudienceSyncDetailPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [`/audience-syncs/${syncId}`],
      mountedRoutes: {
        '/audience-syncs': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
