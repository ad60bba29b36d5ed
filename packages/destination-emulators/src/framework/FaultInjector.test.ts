import { FaultInjector } from './FaultInjector';

function kinds(injector: FaultInjector, count: number) {
  return Array.from({ length: count }, () => injector.decide().kind);
}

describe('FaultInjector', () => {
  it('injects nothing by default', () => {
    expect(new Set(kinds(FaultInjector.create(), 200))).toEqual(
      new Set(['none']),
    );
  });

  it('repeats the same faults for the same seed', () => {
    const faults = { errorRate: 0.2, throttleRate: 0.2, timeoutRate: 0.1 };
    const a = kinds(FaultInjector.create({ ...faults, seed: 42 }), 50);
    const b = kinds(FaultInjector.create({ ...faults, seed: 42 }), 50);
    const c = kinds(FaultInjector.create({ ...faults, seed: 43 }), 50);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('injects each fault at about its rate', () => {
    const injector = FaultInjector.create({
      errorRate: 0.25,
      throttleRate: 0.25,
      timeoutRate: 0.25,
    });
    const drawn = kinds(injector, 4000);
    for (const kind of ['none', 'error', 'throttle', 'timeout']) {
      const share = drawn.filter(k => k === kind).length / drawn.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
  });

  it('restarts the sequence when the faults are set again', () => {
    const injector = FaultInjector.create({ errorRate: 0.5, seed: 7 });
    const first = kinds(injector, 20);
    injector.set({ errorRate: 0.5, seed: 7 });
    expect(kinds(injector, 20)).toEqual(first);
  });

  it('reports latency and the wait an injected throttle asks for', () => {
    const injector = FaultInjector.create({
      throttleRate: 1,
      latencyMs: 15,
      throttleRetryAfterMs: 250,
    });
    expect(injector.decide()).toEqual({
      kind: 'throttle',
      latencyMs: 15,
      retryAfterMs: 250,
    });
  });

  it.each([
    [{ errorRate: 1.5 }, /^errorRate: /],
    [{ throttleRate: -0.1 }, /^throttleRate: /],
    [{ timeoutRate: Number.NaN }, /^timeoutRate: /],
    [{ latencyMs: -1 }, /^latencyMs: /],
    [{ seed: 1.5 }, /^seed: /],
    [{ throttleRetryAfterMs: -5 }, /^throttleRetryAfterMs: /],
  ])('refuses %p, naming the setting', (faults, message) => {
    expect(() => FaultInjector.create(faults)).toThrow(message);
  });
});
