import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { FakePermissionApi } from './FakePermissionApi';

/**
 * An entity card or tab on the page of `entity`, with the Audience Syncs pages mounted at `/audience-syncs` so
 * that its links resolve. The permission framework allows everything unless `permissions` says otherwise;
 * with `signals`, the portal has the signals plugin.
 */
export function renderEntityComponent(
  element: ReactElement,
  entity: Entity,
  api: AudienceSyncsApi,
  permissions = new FakePermissionApi(),
  signals?: SignalApi,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [audienceSyncsApiRef, api],
        [permissionApiRef, permissions],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/audience-syncs': rootRouteRef } },
  );
}
