import { EmulatorClock } from './EmulatorClock';
import { TokenBucket } from './TokenBucket';

describe('TokenBucket', () => {
  it('lets a full bucket through, then says how long until the next token', () => {
    const clock = EmulatorClock.create();
    const bucket = TokenBucket.create({ requests: 3, perSeconds: 60 }, clock);

    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    const refused = bucket.take();
    expect(refused.ok).toBe(false);
    // 3 per minute: one token every 20 s.
    expect(!refused.ok && refused.retryAfterMs).toBeGreaterThan(19_900);
    expect(!refused.ok && refused.retryAfterMs).toBeLessThanOrEqual(20_000);
    expect(bucket.usage()).toBeCloseTo(1, 2);

    clock.advance(20_000);
    expect(bucket.take()).toEqual({ ok: true });
    expect(bucket.take().ok).toBe(false);
  });

  it('refills continuously and never beyond its size', () => {
    const clock = EmulatorClock.create();
    const bucket = TokenBucket.create({ requests: 2, perSeconds: 1 }, clock);
    bucket.take();
    bucket.take();
    clock.advance(10_000);
    expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(false);
  });

  it('lets everything through without a limit, and starts a new limit full', () => {
    const clock = EmulatorClock.create();
    const bucket = TokenBucket.create(null, clock);
    for (let i = 0; i < 100; i++) expect(bucket.take().ok).toBe(true);
    expect(bucket.usage()).toBe(0);

    bucket.setLimit({ requests: 1, perSeconds: 3600 });
    expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(false);
  });

  it.each([
    [{ requests: 0, perSeconds: 1 }, /^requests: /],
    [{ requests: 1.5, perSeconds: 1 }, /^requests: /],
    [{ requests: 1, perSeconds: 0 }, /^perSeconds: /],
  ])('refuses the limit %p', (limit, message) => {
    expect(() => TokenBucket.create(limit, EmulatorClock.create())).toThrow(
      message,
    );
  });
});
