import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
  DestinationError,
} from '../connectors';
import { seededRandom } from './seededRandom';

/**
 * The failures vendors answer with that `FaultyDestinationConnector` injects.
 *
 * @public
 */
export type Fault =
  | 'throttle'
  | 'server-error'
  | 'lost-response'
  | 'unauthorized';

/**
 * Wraps a connector and fails a share of its batch requests the way vendors do: throttling with
 * Retry-After, server errors, and time-outs after the destination applied the batch (the answer was lost,
 * so the engine must resend safely). `next` forces the fault of the coming requests.
 *
 * @public
 */
export class FaultyDestinationConnector implements DestinationConnector {
  readonly type: string;
  readonly label: string;
  readonly secretKeys?: readonly string[];
  readonly #inner: DestinationConnector;
  readonly #random: () => number;
  /** Share of requests that fail, spread evenly over throttle, server error and lost response. */
  failureRate = 0;
  /** Faults forced on the next requests, before the random ones. */
  readonly next: Fault[] = [];
  readonly calls: Array<{ operation: string; rows: number; fault?: Fault }> =
    [];

  constructor(inner: DestinationConnector, options: { seed?: number } = {}) {
    this.#inner = inner;
    this.type = inner.type;
    this.label = inner.label;
    this.secretKeys = inner.secretKeys;
    this.#random = seededRandom(options.seed ?? 42);
  }

  async connect(
    destination: DestinationConfig,
    context: { logger: LoggerService },
  ): Promise<DestinationClient> {
    const inner = await this.#inner.connect(destination, context);
    const applyBatch = async (request: BatchRequest): Promise<BatchResult> => {
      const fault = this.#pickFault();
      this.calls.push({
        operation: request.operation,
        rows: request.rows.length,
        fault,
      });
      switch (fault) {
        case 'throttle':
          throw new DestinationError({
            message: 'Too many requests',
            code: 'throttled',
            retryable: true,
            throttled: true,
            retryAfterMs: 3,
          });
        case 'server-error':
          throw new DestinationError({
            message: 'Internal server error',
            code: 'http_500',
            retryable: true,
          });
        case 'lost-response':
          await inner.applyBatch(request);
          throw new DestinationError({
            message: 'Timed out waiting for the answer',
            code: 'network_error',
            retryable: true,
          });
        case 'unauthorized':
          throw new DestinationError({
            message: 'Invalid access token',
            code: 'unauthorized',
            retryable: false,
          });
        default:
          return inner.applyBatch(request);
      }
    };
    return {
      capabilities: inner.capabilities,
      listObjects: () => inner.listObjects(),
      createObject: inner.createObject && (name => inner.createObject!(name)),
      describeFields:
        inner.describeFields && (object => inner.describeFields!(object)),
      prepare: (member, target) => inner.prepare(member, target),
      applyBatch,
    };
  }

  #pickFault(): Fault | undefined {
    if (this.next.length > 0) return this.next.shift();
    const roll = this.#random();
    if (roll >= this.failureRate) return undefined;
    const kinds: Fault[] = ['throttle', 'server-error', 'lost-response'];
    return kinds[Math.floor((roll / this.failureRate) * kinds.length)];
  }
}
