import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import { EMERGENCY_HOTLINES, NATIONAL_HOTLINES } from '../../shared/help';
import { loadCityHotlines } from './city-hotlines';

/**
 * The help card's lines: national and emergency numbers, then each city's own lines (kept by a province ADMIN; CITY_HOTLINES as fallback) by the
 * city's name. Public: a frightened parent needs no account, and nothing about the caller is read or kept.
 */
export async function helpLines(opts: { db: Db; env: Pick<Env, 'CITY_HOTLINES'> }) {
  const byCity = await loadCityHotlines(opts.db, opts.env);
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
