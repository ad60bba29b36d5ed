import {
  BatchRequest,
  DestinationClient,
  DestinationError,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { BatchSender } from './BatchSender';
import { RateLimiter } from './RateLimiter';

const request: BatchRequest = {
  operation: 'add',
  target: {
    object: { id: 'o', name: 'O' },
    identifier: { entityKey: 'email', field: 'Email' },
    fieldMappings: [],
  },
  rows: [{ memberKey: 'u1', identifier: 'a@x.io', fields: {} }],
};

const throttled = (retryAfterMs: number) =>
  new DestinationError({
    message: 'slow down',
    code: 'throttled',
    retryable: true,
    throttled: true,
    retryAfterMs,
  });
const serverError = () =>
  new DestinationError({ message: 'boom', code: 'http_503', retryable: true });

/** A client that fails with the given errors, in order, then succeeds. */
function clientFailing(...errors: Error[]) {
  const calls: number[] = [];
  const client = {
    applyBatch: async () => {
      calls.push(Date.now());
      const error = errors.shift();
      if (error) throw error;
      return { rejected: [] };
    },
  } as unknown as DestinationClient;
  return { client, calls };
}

describe('BatchSender', () => {
  const sender = BatchSender.create({
    policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4 },
  });

  it('waits out throttling as asked without counting it as a failed attempt', async () => {
    const { client, calls } = clientFailing(
      throttled(60),
      throttled(60),
      throttled(60),
      serverError(),
      serverError(),
    );
    const { stats } = await sender.send(
      client,
      RateLimiter.unlimited(),
      request,
    );
    expect(stats).toEqual({
      attempts: 3,
      throttleWaits: 3,
      budgetWaitMs: expect.any(Number),
    });
    expect(calls).toHaveLength(6);
    // Each throttle answer was honoured: the next call came after its Retry-After.
    for (let i = 1; i <= 3; i++)
      expect(calls[i] - calls[i - 1]).toBeGreaterThanOrEqual(55);
  });

  it('gives up after the maximum attempts for transient failures', async () => {
    const { client, calls } = clientFailing(
      serverError(),
      serverError(),
      serverError(),
      serverError(),
    );
    await expect(
      sender.send(client, RateLimiter.unlimited(), request),
    ).rejects.toThrow('boom');
    expect(calls).toHaveLength(3);
  });

  it('honours Retry-After on server errors too', async () => {
    const error = new DestinationError({
      message: 'busy',
      code: 'http_503',
      retryable: true,
      retryAfterMs: 80,
    });
    const { client, calls } = clientFailing(error);
    await sender.send(client, RateLimiter.unlimited(), request);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(75);
  });

  it('throws permanent failures and unexpected errors at once', async () => {
    const permanent = clientFailing(
      new DestinationError({
        message: 'bad token',
        code: 'unauthorized',
        retryable: false,
      }),
    );
    await expect(
      sender.send(permanent.client, RateLimiter.unlimited(), request),
    ).rejects.toThrow('bad token');
    expect(permanent.calls).toHaveLength(1);
    const bug = clientFailing(new TypeError('x is undefined'));
    await expect(
      sender.send(bug.client, RateLimiter.unlimited(), request),
    ).rejects.toThrow(TypeError);
    expect(bug.calls).toHaveLength(1);
  });

  it('gives up when throttling never ends', async () => {
    const stubborn = BatchSender.create({ policy: { maxThrottleWaits: 2 } });
    const { client, calls } = clientFailing(
      throttled(1),
      throttled(1),
      throttled(1),
    );
    await expect(
      stubborn.send(client, RateLimiter.unlimited(), request),
    ).rejects.toThrow('slow down');
    expect(calls).toHaveLength(3);
  });
});

describe('RateLimiter', () => {
  it('keeps to its budget after the first burst', async () => {
    const limiter = RateLimiter.create({ requests: 20, perSeconds: 0.2 }); // 100 per second
    const started = Date.now();
    for (let i = 0; i < 50; i++) await limiter.acquire();
    // 20 at once, then 30 more at 100/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('holds every caller while the vendor asks to pause', async () => {
    const limiter = RateLimiter.unlimited();
    limiter.pause(100);
    const started = Date.now();
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('stops waiting when aborted', async () => {
    const limiter = RateLimiter.unlimited();
    limiter.pause(10_000);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
