import { setTimeout as wait } from 'node:timers/promises';
import {
  DestinationError,
  HttpTransport,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** The longest wait between two status checks. */
const MAX_WAIT_MS = 60_000;

/** How Data Manager finished processing an accepted request, over all its destinations. */
export interface RequestOutcome {
  status: 'SUCCESS' | 'PARTIAL_SUCCESS' | 'FAILED';
  /** Records that failed, by reason (Google counts them; it does not say which). */
  errorCounts: Array<{ reason: string; recordCount: number }>;
}

interface DestinationStatus {
  requestStatus?: string;
  errorInfo?: {
    errorCounts?: Array<{ reason?: string; recordCount?: string | number }>;
  };
}

const SETTLED = ['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED'];

/**
 * Reads `requestStatus:retrieve` for an accepted request until every destination has settled, waiting
 * `firstWaitMs` before the first check and twice as long before each next one (at most a minute), for
 * `checks` checks. Undefined when the request was still processing after the last one.
 */
export async function awaitRequestStatus(
  http: HttpTransport,
  requestId: string,
  options: { checks: number; firstWaitMs: number; signal?: AbortSignal },
): Promise<RequestOutcome | undefined> {
  let delay = options.firstWaitMs;
  for (let check = 0; check < options.checks; check++) {
    await pause(delay, options.signal);
    delay = Math.min(MAX_WAIT_MS, Math.max(1, delay) * 2);
    const body = await http.json<{
      requestStatusPerDestination?: DestinationStatus[];
    }>('GET', '/requestStatus:retrieve', {
      query: { requestId },
      signal: options.signal,
    });
    const statuses = body.requestStatusPerDestination ?? [];
    if (
      statuses.length === 0 ||
      !statuses.every(s => SETTLED.includes(String(s.requestStatus)))
    ) {
      continue;
    }
    return outcomeOf(statuses);
  }
  return undefined;
}

function outcomeOf(statuses: DestinationStatus[]): RequestOutcome {
  const all = statuses.map(s => s.requestStatus);
  let status: RequestOutcome['status'] = 'SUCCESS';
  if (all.includes('FAILED')) status = 'FAILED';
  else if (all.includes('PARTIAL_SUCCESS')) status = 'PARTIAL_SUCCESS';
  const errorCounts = statuses.flatMap(s =>
    (s.errorInfo?.errorCounts ?? []).map(count => ({
      reason: count.reason ?? 'PROCESSING_ERROR_REASON_UNSPECIFIED',
      recordCount: Number(count.recordCount ?? 0),
    })),
  );
  return { status, errorCounts };
}

async function pause(ms: number, signal?: AbortSignal) {
  try {
    await wait(ms, undefined, { signal });
  } catch {
    throw new DestinationError({
      message: 'The batch was cancelled',
      code: 'aborted',
      retryable: false,
    });
  }
}
