import express from 'express';
import { controlRouter } from './controlRouter';
import { EmulatorClock } from './EmulatorClock';
import { EmulatorServer } from './EmulatorServer';
import { FaultInjector } from './FaultInjector';
import { MembershipLedger } from './MembershipLedger';
import {
  countRequests,
  handleErrors,
  injectFaults,
  keepRawBody,
  limitRate,
} from './middleware';
import { StatsRecorder } from './StatsRecorder';
import { TokenBucket } from './TokenBucket';
import {
  EmulatedObject,
  EmulatorOptions,
  EmulatorStats,
  Faults,
  RateLimit,
  RunningEmulator,
} from './types';
import { EmulatorContext, VendorApi, VendorDefinition } from './VendorApi';

/** Large enough for a 10,000-row upload of the biggest vendor shape, as the real APIs accept it. */
const BODY_LIMIT = '64mb';

/**
 * A vendor emulator: the vendor's API behind the shared machinery (request stats, fault injection, the
 * vendor's rate limit, accept-then-apply membership) plus the `/__control` routes.
 */
export class Emulator implements RunningEmulator {
  readonly name: string;
  readonly #server: EmulatorServer;
  readonly #api: VendorApi;
  readonly #context: EmulatorContext;
  readonly #faults: FaultInjector;
  /** Requests waiting out injected latency: cleared on close so no timer outlives the emulator. */
  readonly #delays: Set<NodeJS.Timeout>;
  readonly #initial: { rateLimit: RateLimit | null; faults: Faults };

  static async start(
    definition: VendorDefinition,
    options: EmulatorOptions = {},
  ): Promise<Emulator> {
    const clock = EmulatorClock.create();
    const rateLimit =
      options.rateLimit === undefined
        ? definition.rateLimit
        : options.rateLimit;
    const context: EmulatorContext = {
      clock,
      bucket: TokenBucket.create(rateLimit, clock),
      ledger: MembershipLedger.create({
        applyDelayMs: definition.appliesSynchronously
          ? 0
          : options.applyDelayMs ?? null,
        clock,
      }),
      stats: StatsRecorder.create(),
    };
    const faults = FaultInjector.create(options.faults);
    const delays = new Set<NodeJS.Timeout>();
    const api = definition.api(context);
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);

    // The control routes need the emulator, which needs the server: they reach it through a reference.
    const started: { emulator?: Emulator } = {};
    app.use(
      '/__control',
      controlRouter(() => started.emulator!),
    );
    app.use(countRequests(context.stats));
    app.use(express.json({ limit: BODY_LIMIT, verify: keepRawBody }));
    app.use(
      express.urlencoded({
        extended: false,
        limit: BODY_LIMIT,
        verify: keepRawBody,
      }),
    );
    app.use(api.authenticate);
    app.use(injectFaults(faults, api, context.stats, delays));
    app.use(limitRate(context.bucket, api, context.stats));
    app.use(api.router);
    app.use((req, res) => api.notFound(req, res));
    app.use(handleErrors(api, context.stats));

    const server = await EmulatorServer.start(app, options);
    started.emulator = new Emulator(
      definition.name,
      server,
      api,
      context,
      faults,
      delays,
      { rateLimit, faults: options.faults ?? {} },
    );
    return started.emulator;
  }

  private constructor(
    name: string,
    server: EmulatorServer,
    api: VendorApi,
    context: EmulatorContext,
    faults: FaultInjector,
    delays: Set<NodeJS.Timeout>,
    initial: { rateLimit: RateLimit | null; faults: Faults },
  ) {
    this.name = name;
    this.#server = server;
    this.#api = api;
    this.#context = context;
    this.#faults = faults;
    this.#delays = delays;
    this.#initial = initial;
  }

  get url(): string {
    return this.#server.url;
  }

  get port(): number {
    return this.#server.port;
  }

  members(objectId: string): string[] {
    return this.#context.ledger.members(objectId);
  }

  objects(): EmulatedObject[] {
    return this.#api.objects();
  }

  flush(): number {
    return this.#context.ledger.flush();
  }

  setFaults(faults: Faults): void {
    this.#faults.set(faults);
  }

  setRateLimit(limit: RateLimit | null): void {
    this.#context.bucket.setLimit(limit);
  }

  advanceClock(ms: number): void {
    this.#context.clock.advance(ms);
    this.#context.ledger.applyDue();
  }

  stats(): EmulatorStats {
    return this.#context.stats.snapshot(this.#context.ledger.pendingCount);
  }

  reset(): void {
    this.#api.reset();
    this.#context.ledger.reset();
    this.#context.stats.reset();
    this.#context.clock.reset();
    this.#context.bucket.setLimit(this.#initial.rateLimit);
    this.#faults.set(this.#initial.faults);
  }

  async close(): Promise<void> {
    this.#context.ledger.close();
    for (const delay of this.#delays) clearTimeout(delay);
    this.#delays.clear();
    await this.#server.close();
  }
}
