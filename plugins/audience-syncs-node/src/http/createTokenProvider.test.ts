import { createTokenProvider } from './createTokenProvider';

describe('createTokenProvider', () => {
  it('keeps a token with a lifetime until shortly before it expires, then fetches a new one', async () => {
    let clock = 1_000_000;
    let issued = 0;
    const provider = createTokenProvider(
      async () => ({ token: `t${++issued}`, expiresInMs: 3_600_000 }),
      { now: () => clock },
    );
    await expect(provider.getToken()).resolves.toBe('t1');
    clock += 3_540_000 - 1; // just under a minute before the end
    await expect(provider.getToken()).resolves.toBe('t1');
    clock += 1;
    await expect(provider.getToken()).resolves.toBe('t2');
    expect(issued).toBe(2);
  });

  it('renews a short-lived token a tenth of its lifetime early', async () => {
    let clock = 0;
    let issued = 0;
    const provider = createTokenProvider(
      async () => ({ token: `t${++issued}`, expiresInMs: 2000 }),
      { now: () => clock },
    );
    await provider.getToken();
    clock = 1799;
    await expect(provider.getToken()).resolves.toBe('t1');
    clock = 1800;
    await expect(provider.getToken()).resolves.toBe('t2');
  });

  it('shares one renewal between concurrent callers of an expiring token', async () => {
    let clock = 0;
    let issued = 0;
    const provider = createTokenProvider(
      async () => {
        await new Promise(resolve => setTimeout(resolve, 20));
        return { token: `t${++issued}`, expiresInMs: 1000 };
      },
      { now: () => clock },
    );
    await provider.getToken();
    clock = 5000;
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => provider.getToken()),
    );
    expect(tokens).toEqual(['t2', 't2', 't2', 't2', 't2']);
    expect(issued).toBe(2);
  });

  it('keeps a token without a lifetime until it is invalidated', async () => {
    let clock = 0;
    let issued = 0;
    const provider = createTokenProvider(async () => `t${++issued}`, {
      now: () => clock,
    });
    await provider.getToken();
    clock = 10 * 24 * 3_600_000;
    await expect(provider.getToken()).resolves.toBe('t1');
    provider.invalidate('t1');
    await expect(provider.getToken()).resolves.toBe('t2');
  });
});
