import type { UserContext } from '../trpc/procedures';

/**
 * For settings that hold for the whole province (policy targets, the cities' crisis lines): the caller's
 * ADMIN grant must be on a province. Resolves to that province, or to the root so that the scope check
 * refuses a caller whose grant is lower.
 */
export async function provinceOf(_input: unknown, ctx: UserContext): Promise<string | null> {
  const own = ctx.user.roles.find((g) => g.role === 'ADMIN' && g.orgUnitKind === 'PROVINCE');
  if (own) return own.orgUnitId;
  const [any] = await ctx.sql<{ id: string }>(`SELECT id FROM "OrgUnit" WHERE depth = 0 ORDER BY id LIMIT 1`, []);
  return any?.id ?? null;
}
