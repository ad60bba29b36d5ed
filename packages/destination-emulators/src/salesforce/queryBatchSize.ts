/** The batch sizes `Sforce-Query-Options: batchSize=…` may ask for. */
const MIN_BATCH = 200;
const MAX_BATCH = 2000;

/**
 * Records per page of a query: what the `Sforce-Query-Options` header asks (taken into 200–2,000, as
 * Salesforce treats it as a hint, never an error), and never more than the org's own `orgBatchSize`.
 */
export function queryBatchSize(
  header: string | undefined,
  orgBatchSize: number,
): number {
  const asked = Number(/batchSize\s*=\s*(\d+)/i.exec(header ?? '')?.[1]);
  if (!Number.isInteger(asked) || asked <= 0) return orgBatchSize;
  return Math.min(
    orgBatchSize,
    Math.max(MIN_BATCH, Math.min(MAX_BATCH, asked)),
  );
}
