import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SyncRunError } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { aRun } from '../../__testUtils__/fixtures';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';

const rowError = (
  memberKey: string,
  code: string,
  message: string,
): SyncRunError => ({
  memberKey,
  operation: 'add',
  code,
  message,
  retryable: false,
});

const missing = [
  rowError('cust-1', 'missing_identifier', 'The member has no email'),
  rowError('cust-2', 'missing_identifier', 'The member has no email'),
];
const refused = [
  rowError('cust-3', 'invalid_contact', 'Mailchimp refused the contact: fake'),
];

/** A partial run: 1,250 rows without an email, 40 refused, 3 of an unknown code; 3 sample rows. */
function partialRun() {
  return aSyncBackend({
    runs: [aRun({ status: 'partial', sent: 1000, failed: 40, invalid: 1253 })],
    runErrors: { 1: [...missing, ...refused] },
    runErrorSummaries: {
      1: [
        { code: 'missing_identifier', count: 1250, samples: missing },
        { code: 'invalid_contact', count: 40, samples: refused },
        { code: 'NOT_WRITTEN', count: 3, samples: [] },
      ],
    },
  });
}

const openErrors = async () => {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Show errors of run #1' }),
  );
  return within(
    await screen.findByRole('table', { name: 'Errors of run #1 by reason' }),
  );
};

describe('AudienceSyncDetailPage errors by reason', () => {
  it('groups a run’s row errors by code in plain words, most frequent first, with every row counted', async () => {
    await renderSyncDetailPage(partialRun());

    const groups = await openErrors();
    const rows = groups
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .slice(1)
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        'No identifier to send the member by',
        'missing_identifier',
        '1,250 rows',
      ],
      ['Contact refused by the destination', 'invalid_contact', '40 rows'],
      ['Not written', 'NOT_WRITTEN', '3 rows'],
    ]);
    expect(
      screen.getByText(
        'The rows this run could not send, by reason (failed 40, invalid 1,253 in all):',
      ),
    ).toBeInTheDocument();
  });

  it('keeps each code’s sample rows collapsed until asked, then shows only that code’s', async () => {
    await renderSyncDetailPage(partialRun());
    const groups = await openErrors();

    expect(
      screen.queryByRole('table', { name: /^Sample rows/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('cust-1')).not.toBeInTheDocument();

    const toggle = groups.getByRole('button', {
      name: 'Show rows of missing_identifier',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const samples = within(
      screen.getByRole('table', {
        name: 'Sample rows of missing_identifier in run #1',
      }),
    );
    expect(
      samples
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual([
      'cust-1addThe member has no emailNo',
      'cust-2addThe member has no emailNo',
    ]);
    expect(
      screen.getByText('A sample of 2 of these 1,250 rows:'),
    ).toBeInTheDocument();
    // The refused contact is another code's row.
    expect(screen.queryByText('cust-3')).not.toBeInTheDocument();

    await userEvent.click(
      groups.getByRole('button', { name: 'Hide rows of missing_identifier' }),
    );
    expect(
      screen.queryByRole('table', {
        name: 'Sample rows of missing_identifier in run #1',
      }),
    ).not.toBeInTheDocument();
  });

  it('says so when none of a code’s rows was sampled', async () => {
    await renderSyncDetailPage(partialRun());
    const groups = await openErrors();

    await userEvent.click(
      groups.getByRole('button', { name: 'Show rows of NOT_WRITTEN' }),
    );

    expect(
      screen.getByText(
        "None of these rows is in the run's sample: it keeps only the first row errors the run met.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', {
        name: 'Sample rows of NOT_WRITTEN in run #1',
      }),
    ).not.toBeInTheDocument();
  });

  it('shows a run that skipped invalid rows as succeeded with a warning, and why it skipped them', async () => {
    const skipped = [
      rowError('cust-9', 'invalid_email', 'Not an email: "cust-9@"'),
    ];
    await renderSyncDetailPage(
      aSyncBackend({
        runs: [aRun({ status: 'succeeded', failed: 0, invalid: 1 })],
        runErrors: { 1: skipped },
      }),
    );

    const history = within(
      (
        await screen.findByRole('button', { name: 'Show errors of run #1' })
      ).closest('table') as HTMLElement,
    );
    expect(history.getByText('Succeeded with 1 invalid')).toBeInTheDocument();

    const groups = await openErrors();
    expect(groups.getByText('Not a valid email address')).toBeInTheDocument();
    expect(groups.getByText('1 row')).toBeInTheDocument();
    await userEvent.click(
      groups.getByRole('button', { name: 'Show rows of invalid_email' }),
    );
    expect(screen.getByText('All of these rows:')).toBeInTheDocument();
    expect(screen.getByText('cust-9')).toBeInTheDocument();
  });

  it('says a run without row errors had none', async () => {
    await renderSyncDetailPage(
      aSyncBackend({ runs: [aRun({ failed: 0, invalid: 0 })] }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Show errors of run #1' }),
    );

    expect(
      await screen.findByText('No row errors in this run.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Errors of run #1 by reason' }),
    ).not.toBeInTheDocument();
  });
});
