// Small-cell suppression, one rule for every report, export, statistic and dashboard series.
// Runs on both sides: no Node or Prisma imports.
//
// 1. Primary: a count of people (families, services, checklist results) from 1 to 4 that describes a single
//    school or site (a row below county level, or any figure whose units, filters included, come down to one
//    school or site) could single out a family or a child. It is published as null. Zero singles out no one
//    and is published.
// 2. Complementary: a row set whose sum is published (a county's total over its schools, a year over its
//    months) would give a lone hidden cell back by subtraction. So in every column with a hidden cell, one
//    more cell is hidden: the next-smallest, taken first from rows that describe a single school or site
//    (their own totals are withheld the same way). Two hidden cells with a positive sum fit more than one
//    value each.
// 3. Counts of units and activities (sites, active sites, sessions) are never suppressed.
// A hidden cell reads "不公开", not "<5": a complementary cell can be any size.

/** A child's name for lists that need no more than its first character (张**): the session roster, the ledger. */
export function maskName(name: string): string {
  if (name.length <= 1) return name;
  return `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`;
}

/** Counts of people under this are not published where they describe a single school or site. */
export const MIN_CELL_COUNT = 5;

/** How a withheld figure reads, on the pages and in every export. */
export const WITHHELD_TEXT = '不公开';

/** Whether a count of people is too small to publish where it describes a single school or site. */
export const isSmall = (n: number) => n > 0 && n < MIN_CELL_COUNT;

/** `n`, or null when it is a count of people too small to publish. */
export function suppressSmall(n: number): number | null {
  return isSmall(n) ? null : n;
}

/**
 * Which cells of one column to hide. `mustHide[i]` marks the cells hidden whatever else happens (the
 * primary cells, and cells another published table already hides); complements come first from the rows
 * marked `preferred`, smallest first. The column's sum is taken as published; with `totalWithheld` it is not,
 * and the column must not give it back either (a school's months when its year is hidden), so two cells are
 * hidden even when none must be. Returns the hidden mask.
 */
export function complementaryMask(
  values: readonly number[],
  mustHide: readonly boolean[],
  opts: { preferred?: readonly boolean[]; room?: readonly boolean[]; totalWithheld?: boolean } = {},
): boolean[] {
  const hidden = values.map((_, i) => mustHide[i] === true);
  if (!hidden.some(Boolean) && !opts.totalWithheld) return hidden;
  // A complement is only of use if a unit can move between it and a hidden cell: it can grow (it is below
  // its bound, e.g. served families below families), or it can shrink and a hidden cell can grow.
  const room = (i: number) => opts.room?.[i] !== false;
  const rank = (i: number) => {
    const useful = room(i) || (values[i] > 0 && hidden.some((h, j) => h && room(j)));
    return (useful ? 0 : 2) + (opts.preferred?.[i] === false ? 1 : 0);
  };
  while (hidden.filter(Boolean).length < 2) {
    let next = -1;
    values.forEach((v, i) => {
      if (hidden[i]) return;
      if (next === -1 || rank(i) < rank(next) || (rank(i) === rank(next) && v < values[next])) next = i;
    });
    // A lone row: it is the total, which the caller withholds with it.
    if (next === -1) break;
    hidden[next] = true;
  }
  return hidden;
}

/** One column as published: primary suppression where `sensitive[i]`, then complementary. */
export function suppressColumn(
  values: readonly number[],
  sensitive: readonly boolean[] | boolean,
  opts: { forced?: readonly boolean[]; room?: readonly boolean[]; totalWithheld?: boolean } = {},
): (number | null)[] {
  const flags = values.map((_, i) => (typeof sensitive === 'boolean' ? sensitive : sensitive[i] === true));
  const must = values.map((v, i) => (flags[i] && isSmall(v)) || opts.forced?.[i] === true);
  const mask = complementaryMask(values, must, {
    preferred: flags,
    room: opts.room,
    totalWithheld: opts.totalWithheld,
  });
  return values.map((v, i) => (mask[i] ? null : v));
}

/**
 * A table of rows (units) by columns (counts of people) whose column totals are published: every column
 * is suppressed on its own, by `suppressColumn`. `withheld[c]` says that column's total is not published;
 * `bounds[c]` names the column that bounds `c` in every row (served families never exceed families).
 */
export function suppressTable<K extends string>(
  rows: readonly {
    sensitive: boolean;
    values: Record<K, number>;
    /** Cells hidden whatever else happens (another published table hides them). */
    forced?: Partial<Record<K, boolean>>;
    /** Every figure of the row is 0 by the tree itself (a region without schools or sites): no use as a complement. */
    fixed?: boolean;
  }[],
  columns: readonly K[],
  withheld: Partial<Record<K, boolean>> = {},
  bounds: Partial<Record<K, K>> = {},
): Record<K, number | null>[] {
  const out = rows.map(() => ({}) as Record<K, number | null>);
  for (const c of columns) {
    const bound = bounds[c];
    const col = suppressColumn(
      rows.map((r) => r.values[c]),
      rows.map((r) => r.sensitive),
      {
        forced: rows.map((r) => r.forced?.[c] === true),
        room: rows.map((r) => !r.fixed && (bound === undefined || r.values[c] < r.values[bound])),
        totalWithheld: withheld[c] === true,
      },
    );
    col.forEach((v, i) => (out[i][c] = v));
  }
  return out;
}
