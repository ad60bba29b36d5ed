import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../../api';
import { AudienceSyncsPage } from './AudienceSyncsPage';

function renderWith(api: Partial<AudienceSyncsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[audienceSyncsApiRef, api]]}>
      <AudienceSyncsPage />
    </TestApiProvider>,
  );
}

describe('AudienceSyncsPage', () => {
  it('shows the page title and the backend status', async () => {
    await renderWith({ getHealth: async () => ({ status: 'ok' }) });

    expect(
      screen.getByRole('heading', { name: 'Audience Syncs' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('backend-status')).toHaveTextContent(
      'Sync service: ok',
    );
  });

  it('shows the error when the backend cannot be reached', async () => {
    const failure = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({ error: { name: 'Error', message: 'boom' } }),
        {
          status: 503,
          statusText: 'Service Unavailable',
          headers: { 'content-type': 'application/json' },
        },
      ) as any,
    );
    await renderWith({ getHealth: async () => Promise.reject(failure) });

    expect(
      await screen.findByText(
        'Error: Request failed with 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
  });
});
