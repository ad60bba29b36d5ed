import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  jest.setTimeout(60_000);

  it('boots to the guest sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The app loads its plugins lazily: on a busy machine that takes longer than findBy's default second.
    expect(
      await screen.findByText('Guest', undefined, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });
});
