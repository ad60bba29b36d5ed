import { UploadKeyType } from './checkAudienceMembers';

/** 540 days, Customer Match's longest membership. */
const DEFAULT_MEMBERSHIP_DURATION = '46656000s';

/** A user list as the API shows it. */
export interface GoogleUserList {
  name: string;
  id: string;
  displayName: string;
  description?: string;
  membershipStatus: 'OPEN';
  membershipDuration: string;
  ingestedUserListInfo: {
    uploadKeyTypes: UploadKeyType[];
    contactIdInfo?: { dataSourceType: string };
    mobileIdInfo?: { dataSourceType: string; keySpace: string; appId: string };
  };
}

/** A list that exists from the start. */
export interface SeedUserList {
  accountId: string;
  id: string;
  displayName: string;
  uploadKeyType: UploadKeyType;
}

export type StoredUserList = GoogleUserList & { accountId: string };

/** The user lists of every emulated Google Ads account. */
export class UserListStore {
  readonly #seeds: SeedUserList[];
  readonly #lists = new Map<string, StoredUserList>();
  #nextId = 0;

  static create(seeds: SeedUserList[]) {
    const store = new UserListStore(seeds);
    store.reset();
    return store;
  }

  private constructor(seeds: SeedUserList[]) {
    this.#seeds = seeds;
  }

  get(id: string): StoredUserList | undefined {
    return this.#lists.get(id);
  }

  inAccount(accountId: string): StoredUserList[] {
    return this.all().filter(l => l.accountId === accountId);
  }

  all(): StoredUserList[] {
    return [...this.#lists.values()];
  }

  /** A new list with the next id; the caller has checked the name is free. */
  create(
    accountId: string,
    displayName: string,
    uploadKeyType: UploadKeyType,
  ): StoredUserList {
    this.#nextId += 1;
    const id = `90000${String(this.#nextId).padStart(5, '0')}`;
    const list = {
      ...newList(accountId, id, displayName, uploadKeyType),
      accountId,
    };
    this.#lists.set(id, list);
    return list;
  }

  /** Back to the seeded lists. */
  reset(): void {
    this.#lists.clear();
    this.#nextId = 0;
    for (const seed of this.#seeds) {
      this.#lists.set(seed.id, {
        ...newList(
          seed.accountId,
          seed.id,
          seed.displayName,
          seed.uploadKeyType,
        ),
        accountId: seed.accountId,
      });
    }
  }
}

/** The list without the emulator's bookkeeping. */
export function publicList(list: StoredUserList): GoogleUserList {
  const { accountId: _accountId, ...rest } = list;
  return rest;
}

function newList(
  accountId: string,
  id: string,
  displayName: string,
  uploadKeyType: UploadKeyType,
): GoogleUserList {
  return {
    name: `accountTypes/GOOGLE_ADS/accounts/${accountId}/userLists/${id}`,
    id,
    displayName,
    membershipStatus: 'OPEN',
    membershipDuration: DEFAULT_MEMBERSHIP_DURATION,
    ingestedUserListInfo: {
      uploadKeyTypes: [uploadKeyType],
      ...(uploadKeyType === 'CONTACT_ID'
        ? { contactIdInfo: { dataSourceType: 'DATA_SOURCE_TYPE_FIRST_PARTY' } }
        : {}),
    },
  };
}
