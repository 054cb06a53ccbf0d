import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import { EMERGENCY_HOTLINES, NATIONAL_HOTLINES } from '../../shared/help';
import { parseCityHotlines } from '../checklists/advice';

/**
 * The help card's lines: national and emergency numbers, then each city's own lines (CITY_HOTLINES) by the
 * city's name. Public: a frightened parent needs no account, and nothing about the caller is read or kept.
 */
export async function helpLines(opts: { db: Db; env: Pick<Env, 'CITY_HOTLINES'> }) {
  const byCity = parseCityHotlines(opts.env.CITY_HOTLINES);
  const ids = Object.keys(byCity);
  const cities = ids.length
    ? await opts.db.orgUnit.findMany({
        where: { id: { in: ids }, kind: 'CITY' },
        select: { id: true, name: true, code: true },
        orderBy: { code: 'asc' },
      })
    : [];
  return {
    national: NATIONAL_HOTLINES,
    emergency: EMERGENCY_HOTLINES,
    cities: cities.map((c) => ({ cityId: c.id, cityName: c.name, lines: byCity[c.id] })),
  };
}
