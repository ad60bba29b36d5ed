import { RowRejection } from '@signalsmith/backstage-plugin-audience-syncs-node';

/** The rows a 2xx answer says it refused: `{ rejected: [...] }`; any other body means all were applied. */
export function readRejections(body: unknown): RowRejection[] {
  const rejected =
    typeof body === 'object' && body !== null
      ? (body as { rejected?: unknown }).rejected
      : undefined;
  if (!Array.isArray(rejected)) return [];
  return rejected
    .filter(
      (r): r is Record<string, unknown> & { memberKey: string } =>
        typeof r === 'object' && r !== null && typeof r.memberKey === 'string',
    )
    .map(r => ({
      memberKey: r.memberKey,
      code: typeof r.code === 'string' ? r.code : 'rejected',
      message:
        typeof r.message === 'string' ? r.message : 'Rejected by the webhook',
      retryable: typeof r.retryable === 'boolean' ? r.retryable : false,
    }));
}
