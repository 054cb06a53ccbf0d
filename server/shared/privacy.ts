// Small-cell suppression, one rule for every report, export and statistic: a count of people under
// MIN_CELL_COUNT could single out a family or a child, so it is published as null.
// Runs on both sides: no Node or Prisma imports.

/** Counts of people under this are not published. */
export const MIN_CELL_COUNT = 5;

/** `n`, or null when it is a count of people too small to publish. */
export function suppressSmall(n: number): number | null {
  return n < MIN_CELL_COUNT ? null : n;
}

/** `suppressSmall` only when `apply` holds (e.g. only below county level). */
export function suppressSmallIf(apply: boolean, n: number): number | null {
  return apply ? suppressSmall(n) : n;
}
