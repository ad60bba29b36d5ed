import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';

/** The "Audience Syncs" page under Segment in the sidebar. */
export const AudienceSyncsPage = () => {
  const api = useApi(audienceSyncsApiRef);
  const health = useAsync(() => api.getHealth(), [api]);

  return (
    <Page themeId="tool">
      <Header
        title="Audience Syncs"
        subtitle="Send evaluated audiences to ad, CRM and email destinations and keep them in sync"
      />
      <Content>
        <ContentHeader title="Syncs" />
        {health.loading && <Progress />}
        {health.error && <ResponseErrorPanel error={health.error} />}
        {health.value && (
          <Typography data-testid="backend-status">
            Sync service: {health.value.status}
          </Typography>
        )}
      </Content>
    </Page>
  );
};
