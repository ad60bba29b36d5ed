import { Route, Routes } from 'react-router-dom';
import { AudienceSyncDetailPage } from '../AudienceSyncDetailPage';
import { AudienceSyncsListPage } from '../AudienceSyncsListPage';

/**
 * The pages below the plugin's mount point in a legacy app: the list at `/` and a sync at `/:syncId`
 * (`syncRouteRef`).
 */
export const AudienceSyncsPage = () => (
  <Routes>
    <Route path="/" element={<AudienceSyncsListPage />} />
    <Route path="/:syncId" element={<AudienceSyncDetailPage />} />
  </Routes>
);
