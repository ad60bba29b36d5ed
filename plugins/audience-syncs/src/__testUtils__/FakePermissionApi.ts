import { PermissionApi } from '@backstage/plugin-permission-react';

type AuthorizeRequest = Parameters<PermissionApi['authorize']>[0];
type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

// The enum lives in @backstage/plugin-permission-common, which this package does not depend on.
const ALLOW = { result: 'ALLOW' } as Decision;
const DENY = { result: 'DENY' } as Decision;

/**
 * A permission framework that answers per permission name: everything is allowed except the `denied` names.
 * `requests` records what was asked.
 */
export class FakePermissionApi implements PermissionApi {
  readonly requests: AuthorizeRequest[] = [];

  constructor(private readonly denied: string[] = []) {}

  async authorize(request: AuthorizeRequest): Promise<Decision> {
    this.requests.push(request);
    return this.denied.includes(request.permission.name) ? DENY : ALLOW;
  }
}
