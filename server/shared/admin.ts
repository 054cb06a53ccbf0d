// Administration of a region: its units and its staff accounts. Runs on both sides (no Node, no Prisma).
import { z } from 'zod';
import { ORG_UNIT_KINDS, ROLES, type OrgUnitKind } from './enums';
import { idSchema, requiredText } from './schemas';

/** The kinds of community site (社区家长学校 and the stations the federations run). */
export const SITE_TYPES = [
  'COMMUNITY_PARENT_SCHOOL',
  'GUIDANCE_STATION',
  'WOMEN_CHILDREN_HOME',
  'CIVILIZATION_STATION',
] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const SITE_TYPE_LABELS: Record<SiteType, string> = {
  COMMUNITY_PARENT_SCHOOL: '社区家长学校',
  GUIDANCE_STATION: '家庭教育指导服务站点',
  WOMEN_CHILDREN_HOME: '妇女儿童之家',
  CIVILIZATION_STATION: '新时代文明实践站',
};

/** Which kind of unit may sit directly under which (the contract's orgUnits.create). */
export const CHILD_KINDS: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  PROVINCE: ['CITY'],
  CITY: ['COUNTY'],
  COUNTY: ['SCHOOL', 'COMMUNITY_SITE'],
  SCHOOL: [],
  COMMUNITY_SITE: [],
};

/**
 * What is wrong with `code` for a unit of `kind` (null: nothing): a region's GB/T 2260 division code has 6
 * digits, a school's national school identification code (学校标识码) 10; a site's own registration number is
 * free. One rule for the form, the update and the import.
 */
export function unitCodeProblem(kind: OrgUnitKind, code: string): string | null {
  if ((kind === 'CITY' || kind === 'COUNTY') && !/^\d{6}$/.test(code)) return '区划代码应为 6 位数字（GB/T 2260）';
  if (kind === 'SCHOOL' && !/^\d{10}$/.test(code)) return '学校标识码应为 10 位数字';
  if (!/^[0-9A-Za-z-]{1,32}$/.test(code)) return '代码只能包含数字、字母和连字符';
  return null;
}

/** A unit's code as typed (its kind's rule is `unitCodeProblem`). */
const unitCode = z
  .string()
  .trim()
  .max(32, { error: '代码不能超过 32 个字符' })
  .regex(/^[0-9A-Za-z-]+$/, { error: '代码只能包含数字、字母和连字符' });

export const createOrgUnitInput = z
  .object({
    parentId: idSchema,
    kind: z.enum(ORG_UNIT_KINDS, { error: '请选择单位类型' }),
    name: requiredText('单位名称', 60),
    code: unitCode.optional(),
    siteType: z.enum(SITE_TYPES, { error: '请选择站点类型' }).optional(),
    township: requiredText('所属乡镇（街道）', 40).optional(),
  })
  .superRefine((v, ctx) => {
    const problem = v.code === undefined ? null : unitCodeProblem(v.kind, v.code);
    if (problem) ctx.addIssue({ code: 'custom', path: ['code'], message: problem });
    if (v.siteType !== undefined && v.kind !== 'COMMUNITY_SITE')
      ctx.addIssue({ code: 'custom', path: ['siteType'], message: '只有社区站点才有站点类型' });
  });

/** At least 8 characters, and not digits only (the contract's staff.create). */
export const newPassword = z
  .string({ error: '请填写密码' })
  .min(8, { error: '密码至少 8 位' })
  .max(128, { error: '密码过长' })
  .refine((p) => !/^\d+$/.test(p), { error: '密码不能全是数字，请加入字母或符号' });

export const createStaffInput = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .min(3, { error: '用户名至少 3 个字符' })
    .max(64, { error: '用户名不能超过 64 个字符' })
    .regex(/^[A-Za-z0-9._-]+$/, { error: '用户名只能包含字母、数字、点、下划线和连字符' }),
  displayName: requiredText('姓名', 40),
  password: newPassword,
  role: z.enum(ROLES, { error: '请选择角色' }),
  orgUnitId: idSchema,
});

export const staffUserInput = z.object({ userId: idSchema });

export const changePasswordInput = z.object({
  currentPassword: z.string({ error: '请填写当前密码' }).min(1, { error: '请填写当前密码' }).max(128),
  newPassword,
});

/** An uploaded spreadsheet, base64 (the request body is limited to 1 MB). */
export const xlsxFile = z
  .string({ error: '请选择要导入的 Excel 文件' })
  .min(1, { error: '请选择要导入的 Excel 文件' })
  .max(1_000_000, { error: '文件太大，请分成几个文件导入' })
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不正确，请重新选择 Excel 文件' });

export const importUnitsInput = z.object({ parentId: idSchema, fileBase64: xlsxFile });

export const importHistoryInput = z.object({ orgUnitId: idSchema });

export const updateOrgUnitInput = z.object({
  orgUnitId: idSchema,
  name: requiredText('单位名称', 60).optional(),
  code: unitCode.optional(),
  siteType: z.enum(SITE_TYPES, { error: '请选择站点类型' }).optional(),
  township: requiredText('所属乡镇（街道）', 40).optional(),
});

export const moveOrgUnitInput = z.object({ orgUnitId: idSchema, parentId: idSchema });

export const orgUnitInput = z.object({ orgUnitId: idSchema });

export const roleGrantInput = z.object({
  userId: idSchema,
  role: z.enum(ROLES, { error: '请选择角色' }),
  orgUnitId: idSchema,
});
