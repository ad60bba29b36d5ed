/**
 * The Google Ads accounts the emulated credentials reach: those whose user they are (`accountIds` and
 * the manager accounts), and through a manager the client accounts it manages, but only when the call
 * says it logs in through that manager (the `login-account` header, or a destination's `loginAccount`).
 */
export class GoogleAccounts {
  readonly #own: ReadonlySet<string>;
  readonly #managed: ReadonlyMap<string, ReadonlySet<string>>;

  static create(options: {
    accountIds: string[];
    managerAccounts: Record<string, string[]>;
  }) {
    return new GoogleAccounts(options);
  }

  private constructor(options: {
    accountIds: string[];
    managerAccounts: Record<string, string[]>;
  }) {
    this.#own = new Set([
      ...options.accountIds,
      ...Object.keys(options.managerAccounts),
    ]);
    this.#managed = new Map(
      Object.entries(options.managerAccounts).map(([manager, clients]) => [
        manager,
        new Set(clients),
      ]),
    );
  }

  /** Whether a call on `operatingAccountId`, logged in through `loginAccountId` (itself when none), may use it. */
  reachable(operatingAccountId: string, loginAccountId?: string): boolean {
    const login = loginAccountId ?? operatingAccountId;
    if (!this.#own.has(login)) return false;
    return (
      login === operatingAccountId ||
      (this.#managed.get(login)?.has(operatingAccountId) ?? false)
    );
  }
}

const LOGIN_ACCOUNT = /^accountTypes\/GOOGLE_ADS\/accounts\/(\d+)$/;

/**
 * The account id of a `login-account` header (`accountTypes/GOOGLE_ADS/accounts/{id}`): undefined when
 * absent, null when it is not of that form.
 */
export function loginAccountOf(
  header: string | undefined,
): string | undefined | null {
  if (header === undefined) return undefined;
  return LOGIN_ACCOUNT.exec(header.trim())?.[1] ?? null;
}
