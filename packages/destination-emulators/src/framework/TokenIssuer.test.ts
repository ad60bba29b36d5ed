import { EmulatorClock } from './EmulatorClock';
import { StatsRecorder } from './StatsRecorder';
import { bearerToken, TokenIssuer } from './TokenIssuer';

describe('TokenIssuer', () => {
  it('accepts an issued token for its lifetime on the emulator clock, fixed tokens always', () => {
    const clock = EmulatorClock.create();
    const stats = StatsRecorder.create();
    const tokens = TokenIssuer.create({
      clock,
      stats,
      lifetimeSeconds: 60,
      prefix: 'emu-',
      fixedTokens: ['fixed'],
    });
    const { token, expiresIn } = tokens.issue();
    expect(token).toMatch(/^emu-/);
    expect(expiresIn).toBe(60);
    expect(tokens.check(token)).toBe('valid');
    clock.advance(59_000);
    expect(tokens.check(token)).toBe('valid');
    clock.advance(1_000);
    expect(tokens.check(token)).toBe('expired');
    expect(tokens.check('fixed')).toBe('valid');
    expect(tokens.check('other')).toBe('unknown');
    expect(tokens.check(undefined)).toBe('unknown');
    expect(stats.snapshot(0).tokensIssued).toBe(1);
    tokens.reset();
    expect(tokens.check(token)).toBe('unknown');
  });

  it('refuses a lifetime that is not a positive number of seconds', () => {
    expect(() =>
      TokenIssuer.create({
        clock: EmulatorClock.create(),
        stats: StatsRecorder.create(),
        lifetimeSeconds: 0,
        prefix: '',
      }),
    ).toThrow('tokenLifetimeSeconds');
  });

  it('reads Bearer tokens only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
