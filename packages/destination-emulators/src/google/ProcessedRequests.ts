import { randomUUID } from 'node:crypto';
import { EmulatorClock } from '../framework/EmulatorClock';

/** What Data Manager reports for one destination of an accepted request. */
export interface DestinationOutcome {
  /** The destination as the request named it. */
  destination: unknown;
  recordCount: number;
  userIdentifierCount: number;
  /** Records that failed processing, by Google's ProcessingErrorReason. */
  failures: Record<string, number>;
}

interface ProcessedRequest {
  kind: 'ingest' | 'remove';
  acceptedAt: number;
  outcomes: DestinationOutcome[];
}

/**
 * The accepted ingest and remove requests by `requestId`, for `requestStatus:retrieve`: PROCESSING for
 * `processingMs` of the emulator's clock after acceptance, then per destination SUCCESS, PARTIAL_SUCCESS or
 * FAILED with the failed records counted by reason (Google reports counts, not which records).
 */
export class ProcessedRequests {
  readonly #clock: EmulatorClock;
  readonly #processingMs: number;
  readonly #requests = new Map<string, ProcessedRequest>();

  static create(options: { clock: EmulatorClock; processingMs: number }) {
    if (!(options.processingMs >= 0)) {
      throw new Error('processingMs: must be a number of milliseconds >= 0');
    }
    return new ProcessedRequests(options.clock, options.processingMs);
  }

  private constructor(clock: EmulatorClock, processingMs: number) {
    this.#clock = clock;
    this.#processingMs = processingMs;
  }

  /** Keeps an accepted request; returns its id. */
  accept(kind: 'ingest' | 'remove', outcomes: DestinationOutcome[]): string {
    const id = randomUUID();
    this.#requests.set(id, {
      kind,
      acceptedAt: this.#clock.now(),
      outcomes,
    });
    return id;
  }

  /** The RetrieveRequestStatusResponse of a request, or undefined for an unknown id. */
  status(requestId: string): unknown {
    const request = this.#requests.get(requestId);
    if (!request) return undefined;
    const processing =
      this.#clock.now() < request.acceptedAt + this.#processingMs;
    return {
      requestStatusPerDestination: request.outcomes.map(outcome =>
        processing
          ? { destination: outcome.destination, requestStatus: 'PROCESSING' }
          : settled(request.kind, outcome),
      ),
    };
  }

  reset(): void {
    this.#requests.clear();
  }
}

function settled(kind: 'ingest' | 'remove', outcome: DestinationOutcome) {
  const failed = Object.values(outcome.failures).reduce((a, b) => a + b, 0);
  let requestStatus = 'SUCCESS';
  if (failed > 0) {
    requestStatus =
      failed >= outcome.recordCount ? 'FAILED' : 'PARTIAL_SUCCESS';
  }
  const counts = {
    recordCount: String(outcome.recordCount),
    userIdentifierCount: String(outcome.userIdentifierCount),
  };
  return {
    destination: outcome.destination,
    requestStatus,
    ...(failed > 0
      ? {
          errorInfo: {
            errorCounts: Object.entries(outcome.failures).map(
              ([reason, recordCount]) => ({
                recordCount: String(recordCount),
                reason,
              }),
            ),
          },
        }
      : {}),
    ...(kind === 'ingest'
      ? {
          audienceMembersIngestionStatus: {
            userDataIngestionStatus: {
              ...counts,
              uploadMatchRateRange: 'MATCH_RATE_RANGE_NOT_ELIGIBLE',
            },
          },
        }
      : {
          audienceMembersRemovalStatus: { userDataRemovalStatus: counts },
        }),
  };
}
