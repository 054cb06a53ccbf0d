// The cities' own crisis lines: kept by a province ADMIN in CityHotline (replaced as a set per city, audited);
// CITY_HOTLINES (environment) stays the fallback for a city with no row, so an existing deployment keeps its lines.
import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import type { Actor } from '../../auth/auth-user';
import type { Hotline } from '../../shared/help';
import { AppError } from '../../errors/app-error';
import { parseCityHotlines } from '../checklists/advice';
import { writeAudit } from '../audit/write-audit';

/** Every city's lines: the table's, and the environment's for cities the table has none for. */
export async function loadCityHotlines(
  db: Db,
  env: Pick<Env, 'CITY_HOTLINES'>,
  onConfigError?: (message: string) => void,
): Promise<Record<string, Hotline[]>> {
  const rows = await db.cityHotline.findMany({
    orderBy: [{ cityId: 'asc' }, { sortOrder: 'asc' }],
    select: { cityId: true, name: true, number: true },
  });
  const out: Record<string, Hotline[]> = { ...parseCityHotlines(env.CITY_HOTLINES, onConfigError) };
  const fromTable: Record<string, Hotline[]> = {};
  for (const r of rows) (fromTable[r.cityId] ??= []).push({ name: r.name, number: r.number });
  return { ...out, ...fromTable };
}

/** A province ADMIN sets a city's lines (the whole list; an empty list removes them). All or nothing. */
export async function setCityHotlines(opts: { db: Db; actor: Actor; input: { cityId: string; lines: Hotline[] } }) {
  const { db, actor, input } = opts;
  const city = await db.orgUnit.findUnique({ where: { id: input.cityId }, select: { kind: true } });
  if (!city || city.kind !== 'CITY') throw new AppError('BAD_REQUEST', '请选择一个市（地区）');
  await db.$transaction(async (tx) => {
    await tx.cityHotline.deleteMany({ where: { cityId: input.cityId } });
    if (input.lines.length)
      await tx.cityHotline.createMany({
        data: input.lines.map((l, i) => ({
          cityId: input.cityId,
          name: l.name,
          number: l.number,
          sortOrder: i,
          updatedById: actor.id,
        })),
      });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'help.setCityLines',
      targetType: 'OrgUnit',
      targetId: input.cityId,
      orgUnitId: input.cityId,
      detail: { lines: input.lines.length },
    });
  });
  return { ok: true as const };
}
