/** Bump when the generated rows change shape, so data sets from older generators are rebuilt. */
export const GENERATOR_VERSION = 1;

/** What a generated data set holds; stored beside it so the next invocation can reuse it. */
export interface DataSet {
  generator: number;
  size: number;
  /** Whether the ledger was filled (plan data) or left empty (an initial sync). */
  churn: boolean;
  destinationId: string;
  syncId: string;
  evaluationId: number;
  snapshotRows: number;
  ledgerRows: number;
  expected: { joined: number; departed: number; changed: number };
  generatedInMs: number;
}
