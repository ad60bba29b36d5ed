/** What the vendor had received, and the run had committed, at one moment of a ceiling run. */
export interface CeilingSample {
  /** Milliseconds since the run was started. */
  t: number;
  requests: number;
  throttled: number;
  /** Members the run has committed as accepted (sync_runs.succeeded). */
  succeeded: number;
}

/** The steady-state window of a run's samples and what happened in it. */
export interface CeilingWindow {
  seconds: number;
  requests: number;
  throttled: number;
  members: number;
}

/**
 * The window that starts `warmupMs` after the vendor's first request (the burst allowance is spent by
 * then, and planning is behind) and ends `seconds` later or at the last request, whichever is first.
 */
export function steadyWindow(
  samples: CeilingSample[],
  warmupMs: number,
  seconds: number,
): CeilingWindow | undefined {
  const first = samples.find(s => s.requests > 0);
  if (!first) return undefined;
  let lastActive = first;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i].requests > samples[i - 1].requests) lastActive = samples[i];
  }
  const end = Math.min(first.t + warmupMs + seconds * 1000, lastActive.t);
  const from = samples.find(s => s.t >= first.t + warmupMs);
  const to = [...samples].reverse().find(s => s.t <= end);
  if (!from || !to || to.t - from.t < 1000) return undefined;
  return {
    seconds: (to.t - from.t) / 1000,
    requests: to.requests - from.requests,
    throttled: to.throttled - from.throttled,
    members: to.succeeded - from.succeeded,
  };
}
