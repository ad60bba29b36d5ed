import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { audienceSyncsPlugin } from './plugin';

describe('audienceSyncsPlugin', () => {
  it('starts inside a backend and answers its health route without credentials', async () => {
    const { server } = await startTestBackend({
      features: [audienceSyncsPlugin],
    });

    const response = await request(server).get('/api/audience-syncs/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
