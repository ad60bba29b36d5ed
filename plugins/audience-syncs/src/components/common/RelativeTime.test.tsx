import { renderInTestApp } from '@backstage/test-utils';
import { act, fireEvent, screen } from '@testing-library/react';
import { DateTime } from 'luxon';
import { RelativeTime } from './RelativeTime';

describe('RelativeTime', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:03:00.000Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows how long ago a time was, with the exact local time on hover', async () => {
    await renderInTestApp(<RelativeTime value="2026-11-30T12:00:00.000Z" />);

    const exact = DateTime.fromISO('2026-11-30T12:00:00.000Z').toLocaleString(
      DateTime.DATETIME_FULL_WITH_SECONDS,
    );
    const time = screen.getByText('3 minutes ago');
    expect(time).toHaveAttribute('datetime', '2026-11-30T12:00:00.000Z');
    expect(time).toHaveAccessibleName(exact);

    fireEvent.mouseOver(time);
    act(() => {
      jest.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('tooltip')).toHaveTextContent(exact);
  });

  it('shows future times and keeps the text current', async () => {
    await renderInTestApp(
      <RelativeTime value="2026-11-30T14:03:00.000Z" tense="future" />,
    );
    expect(screen.getByText('in 2 hours')).toBeInTheDocument();

    act(() => {
      jest.advanceTimersByTime(60 * 60 * 1000);
    });
    expect(screen.getByText('in 1 hour')).toBeInTheDocument();
  });

  it('measures a new value against the time it is shown, not when the component first rendered', async () => {
    const { rerender } = await renderInTestApp(
      <RelativeTime value="2026-11-30T12:00:00.000Z" />,
    );
    act(() => {
      jest.advanceTimersByTime(20_000);
    });
    // A run that just ended: its end time is "now", 20 s after the first render.
    rerender(<RelativeTime value="2026-11-30T12:03:20.000Z" />);
    expect(screen.getByText('just now')).toBeInTheDocument();

    act(() => {
      jest.advanceTimersByTime(15_000);
    });
    expect(screen.getByText('15 seconds ago')).toBeInTheDocument();
  });

  it('never shows a past event in the future when the server clock is ahead', async () => {
    await renderInTestApp(<RelativeTime value="2026-11-30T12:03:04.000Z" />);
    expect(screen.getByText('just now')).toBeInTheDocument();
    expect(screen.queryByText(/^in /)).not.toBeInTheDocument();
  });

  it('says a future time that has passed is due, not that it was', async () => {
    await renderInTestApp(
      <RelativeTime value="2026-11-30T12:02:58.000Z" tense="future" />,
    );
    expect(screen.getByText('now')).toBeInTheDocument();
  });

  it('shows the empty text when there is no time', async () => {
    await renderInTestApp(<RelativeTime value={null} emptyText="Never" />);
    expect(screen.getByText('Never')).toBeInTheDocument();
  });
});
