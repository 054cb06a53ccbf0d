// The org-unit tree, one rule for the whole project: every unit carries a materialised path
// (`/230000/230100/230103/<school>/`), and a unit covers itself and every unit whose path starts with
// its own. Runs on both sides: no Node or Prisma imports (the Prisma filter is a plain object).

/** Whether the unit at `unitPath` lies in the subtree of the unit at `rootPath` (itself included). */
export function covers(rootPath: string, unitPath: string): boolean {
  return unitPath.startsWith(rootPath);
}

/**
 * A SQL `LIKE` pattern matching the subtree of `rootPath`, with `\`, `%` and `_` escaped (ids may hold
 * `_`). Use with the default escape character: `path LIKE $1`.
 */
export function subtreeLike(rootPath: string): string {
  return `${rootPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The Prisma filter on a `path` column for the subtree of `rootPath` (Prisma escapes it). */
export function subtreeWhere(rootPath: string): { path: { startsWith: string } } {
  return { path: { startsWith: rootPath } };
}

/** The path of the county (or the city or province, for units above a county) at or above a unit. */
export function countyPathOf(unitPath: string): string {
  const parts = unitPath.split('/').filter(Boolean);
  return `/${parts.slice(0, Math.min(parts.length, 3)).join('/')}/`;
}

/** `countyPathOf` as a SQL expression over a path column (for statements that check it per row). */
export function countyPathOfSql(pathColumn: string): string {
  return `'/' || array_to_string((string_to_array(trim(both '/' from ${pathColumn}), '/'))[1:3], '/') || '/'`;
}

/** The ids of a unit and every unit above it, root first (`/a/b/c/` → a, b, c). */
export function pathIds(unitPath: string): string[] {
  return unitPath.split('/').filter(Boolean);
}

/** The paths of a unit and every unit above it, root first (`/a/b/` → `/a/`, `/a/b/`). */
export function ancestorPaths(unitPath: string): string[] {
  const ids = pathIds(unitPath);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}
