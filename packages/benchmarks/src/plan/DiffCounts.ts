/** Rows of each side of a sync's diff. */
export interface DiffCounts {
  joined: number;
  departed: number;
  changed: number;
}
