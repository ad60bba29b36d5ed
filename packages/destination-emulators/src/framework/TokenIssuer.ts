import { randomBytes } from 'node:crypto';
import { EmulatorClock } from './EmulatorClock';
import { StatsRecorder } from './StatsRecorder';

interface TokenIssuerOptions {
  clock: EmulatorClock;
  stats: StatsRecorder;
  lifetimeSeconds: number;
  prefix: string;
  fixedTokens?: Iterable<string>;
}

/** What a bearer token presented to an emulator is. */
export type TokenCheck = 'valid' | 'expired' | 'unknown';

/**
 * The access tokens an emulator's token endpoint issues, each valid for `lifetimeSeconds` of the
 * emulator's clock (so `advanceClock` expires them too), besides the fixed tokens it was started with,
 * which never expire.
 */
export class TokenIssuer {
  readonly lifetimeSeconds: number;
  readonly #clock: EmulatorClock;
  readonly #prefix: string;
  readonly #fixed: ReadonlySet<string>;
  readonly #issued = new Map<string, number>();
  readonly #stats: StatsRecorder;

  static create(options: TokenIssuerOptions) {
    const { lifetimeSeconds } = options;
    if (!(lifetimeSeconds > 0) || !Number.isFinite(lifetimeSeconds)) {
      throw new Error('tokenLifetimeSeconds: must be a number of seconds > 0');
    }
    return new TokenIssuer(options);
  }

  private constructor(options: TokenIssuerOptions) {
    this.#clock = options.clock;
    this.#stats = options.stats;
    this.lifetimeSeconds = options.lifetimeSeconds;
    this.#prefix = options.prefix;
    this.#fixed = new Set(options.fixedTokens ?? []);
  }

  /** A new token and its lifetime in whole seconds, as OAuth's `expires_in` reports it. */
  issue(): { token: string; expiresIn: number } {
    const token = `${this.#prefix}${randomBytes(24).toString('base64url')}`;
    this.#issued.set(token, this.#clock.now() + this.lifetimeSeconds * 1000);
    this.#stats.count('tokensIssued');
    return { token, expiresIn: Math.floor(this.lifetimeSeconds) };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return 'unknown';
    if (this.#fixed.has(token)) return 'valid';
    const expiresAt = this.#issued.get(token);
    if (expiresAt === undefined) return 'unknown';
    return this.#clock.now() < expiresAt ? 'valid' : 'expired';
  }

  reset(): void {
    this.#issued.clear();
  }
}

/** The token of an `Authorization: Bearer` header. */
export function bearerToken(
  authorization: string | undefined,
): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}
