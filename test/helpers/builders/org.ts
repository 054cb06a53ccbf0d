/**
 * The org-unit tree for tests: counties, schools and sites of the builders' own, invites and staff.
 *
 * The seeded province (黑龙江省, 230000) stays the root: the server names it as the province whose admins
 * edit checklists, and region roles for the whole province are granted on it. Below it the builders add
 * their own counties, with unique ids, under two cities that hold no demo data and that no test names, so a
 * test never reads the demo seed's units. New counties go under existing cities, not new cities under the
 * province, because tests of the seeded tree and province-wide reports count the province's 13 cities.
 * (org-units.test.ts, which also counts every county, runs on a database of its own.)
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Db } from '../../../server/db/create-db';
import type { Role } from '../../../server/shared/enums';
import { PROVINCE_CODE, provinceTreeRows } from '../../../prisma/seed/province-tree';

/** A short unique suffix for ids, names and codes. */
export const uid = () => randomUUID().replace(/-/g, '').slice(0, 12);

/** 黑龙江省: the root of the tree. */
export const PROVINCE_ID = PROVINCE_CODE;
/** 鹤岗市: where the builders' counties go by default. */
export const TEST_CITY_ID = '230400';
/** 双鸭山市: a second city, for "another city" (a city admin's reach, a far county). */
export const OTHER_TEST_CITY_ID = '230500';

export interface Unit {
  id: string;
  name: string;
  path: string;
}

const rootsReady = new WeakMap<Db, Promise<unknown>>();

/**
 * The province and the two test cities, inserted from the division data when missing (a database that
 * was migrated but not seeded); a no-op where the demo province is loaded. Once per database.
 */
function ensureTestCities(db: Db): Promise<unknown> {
  let ready = rootsReady.get(db);
  if (!ready) {
    const wanted = new Set([PROVINCE_ID, TEST_CITY_ID, OTHER_TEST_CITY_ID]);
    ready = db.orgUnit.createMany({ data: provinceTreeRows().filter((r) => wanted.has(r.id)), skipDuplicates: true });
    rootsReady.set(db, ready);
  }
  return ready;
}

/**
 * A county of its own under `cityId` (default: the test city). Its code is numeric, like a division code,
 * but 12 digits long, so it never clashes with the seeded 6-digit ones.
 */
export async function makeCounty(
  db: Db,
  opts: { cityId?: string; name?: string } = {},
): Promise<Unit & { parentId: string }> {
  await ensureTestCities(db);
  const city = await db.orgUnit.findUniqueOrThrow({
    where: { id: opts.cityId ?? TEST_CITY_ID },
    select: { id: true, path: true, depth: true },
  });
  const id = `t_k_${uid()}`;
  const county = await db.orgUnit.create({
    data: {
      id,
      code: `99${randomInt(1e9, 1e10)}`,
      name: opts.name ?? `测试区${id.slice(-6)}`,
      kind: 'COUNTY',
      parentId: city.id,
      path: `${city.path}${id}/`,
      depth: city.depth + 1,
    },
    select: { id: true, name: true, path: true },
  });
  return { ...county, parentId: city.id };
}

const defaultCounties = new WeakMap<Db, Promise<Unit & { parentId: string }>>();

/** This test file's county (one per database and test file, made on first use): where makeUnit puts units by default. */
export function testCounty(db: Db): Promise<Unit & { parentId: string }> {
  let county = defaultCounties.get(db);
  if (!county) {
    county = makeCounty(db);
    defaultCounties.set(db, county);
  }
  return county;
}

/** An invite code: unique, upper case (the form families.join looks up). */
export async function makeInvite(
  db: Db,
  orgUnitId: string,
  opts: { kind?: 'SCHOOL' | 'CLASS'; grade?: string; className?: string } = {},
) {
  const invite = await db.inviteCode.create({
    data: {
      code: `T${uid().toUpperCase()}`,
      kind: opts.kind ?? 'SCHOOL',
      orgUnitId,
      grade: opts.grade,
      className: opts.className,
    },
    select: { code: true },
  });
  return invite.code;
}

/** A school (or community site) with a SCHOOL invite, under `countyId` (default: this test file's county). */
export async function makeUnit(
  db: Db,
  opts: { countyId?: string; kind?: 'SCHOOL' | 'COMMUNITY_SITE'; name?: string } = {},
) {
  const parentId = opts.countyId ?? (await testCounty(db)).id;
  const parent = await db.orgUnit.findUniqueOrThrow({
    where: { id: parentId },
    select: { id: true, path: true, depth: true },
  });
  const id = `t_${uid()}`;
  const kind = opts.kind ?? 'SCHOOL';
  const unit = await db.orgUnit.create({
    data: {
      id,
      name: opts.name ?? `测试${kind === 'SCHOOL' ? '学校' : '站点'}${id}`,
      kind,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
    },
    select: { id: true, name: true, path: true },
  });
  return { ...unit, inviteCode: await makeInvite(db, id) };
}

/** A staff account holding `role` on `orgUnitId`. */
export async function makeStaff(db: Db, role: Role, orgUnitId: string) {
  return db.user.create({
    data: {
      username: `t_${role.toLowerCase()}_${uid()}`,
      displayName: `测试${role}`,
      roles: { create: { role, orgUnitId } },
    },
    select: { id: true, username: true },
  });
}
