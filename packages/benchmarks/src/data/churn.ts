/**
 * Which generated members churned, by `i % CYCLE`: 1 in 201 left the audience since the last run (ledger
 * only), 1 in 201 joined (snapshot only), 1 in 201 changed fields (both, different hashes). With a
 * universe of size × 201/200 keys the snapshot holds the audience size and each kind is 0.5% of it: 1%
 * churn plus 0.5% changed.
 */
export const CHURN = {
  cycle: 201,
  departed: 0,
  joined: 1,
  changed: 2,
} as const;

/** Keys to generate so that the snapshot holds `size` members. */
export function universeFor(size: number, churn: boolean): number {
  return churn ? Math.ceil((size * CHURN.cycle) / (CHURN.cycle - 1)) : size;
}
