/**
 * Demo data of 心桥 HeartBridge (docs: api-contract.md "Demo data"): the 黑龙江省 division tree, demo schools and
 * community guidance sites, staff accounts, demo parents and families, invite codes and the consent texts.
 *
 * Idempotent: returns {seeded:false} when the province and the `admin` account already exist. Everything else is
 * written in one transaction (a few createMany statements), so a failed run leaves nothing behind.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { FieldCipher } from '../../server/crypto/field-cipher';
import { cipherFromEnv } from '../../server/crypto/cipher-from-env';
import { seedDemoLessons } from './demo-lessons';
import { seedDemoActivity } from './demo-activity';
import { seedDemoRosters } from './demo-rosters';
import { seedDemoChecklists } from './demo-checklists';
import type { Prisma, PrismaClient } from '../../server/generated/prisma/client';
import { hashPassword } from '../../server/services/auth/password';
import {
  DEMO_CLASS_GRADE,
  DEMO_CLASS_INVITE_CODE,
  DEMO_CLASS_NAME,
  DEMO_INVITE_CODE,
  DEMO_PARENT_COUNT,
  DEMO_PASSWORD,
  DEMO_SCHOOL_COUNTY_ID,
  DEMO_SCHOOL_NAME,
  DEMO_USERNAMES,
  HARBIN_ID,
  PROVINCE_ID,
  demoParentOpenid,
} from './demo-ids';
import { provinceTreeRows, seedProvinceTree } from './province-tree';

type Tx = Prisma.TransactionClient;
type Relation = 'FATHER' | 'MOTHER' | 'GRANDPARENT' | 'OTHER';

// ---------------------------------------------------------------------------------------------------------------
// Consent texts
// ---------------------------------------------------------------------------------------------------------------

export const CONSENT_TEXT_VERSION = '2026-12';

const PRIVACY_TEXT = [
  '欢迎使用"心桥"家校社协同家庭心理健康教育指导服务平台（以下简称"心桥"）。我们依照《中华人民共和国个人信息保护法》《未成年人网络保护条例》等规定处理个人信息。请您（孩子的父母或其他监护人）仔细阅读本政策，同意后再使用。',
  '谁提供服务：心桥由孩子所在的学校、家长学校和社区家庭教育指导服务站点使用，在黑龙江省教育厅、省妇联、省关工委指导下开展家庭心理健康教育指导服务。您注册所在的学校或站点对您和孩子的信息负责。',
  '我们收集哪些信息：（1）微信登录标识（openid），仅用于识别您的账号，我们拿不到您的微信密码，也不获取您的通讯录和位置；（2）您与孩子的关系（如父亲、母亲、祖辈）；（3）孩子的姓名、学校、年级和班级；（4）您参加指导服务的记录，如报名、签到、家访预约和完成情况。我们不收集身份证号等任何证件号码。',
  '自愿提供的联系方式：您的手机号只在您自己填写（或在微信中点击“授权手机号”）时收集，入户家访的住址只在您预约入户家访时填写；都加密保存，列表中只显示部分号码，只有为您家访的老师（该次家访）和跟进转介的学校心理健康教师能查看完整内容，每次查看都有记录。学校名册上的家长联系电话只用于联系尚未加入心桥的家庭，以及在您收不到微信通知时用短信发送活动提醒和家访通知。不填写不影响使用其他服务。',
  '只收必要的：我们只收集提供服务所必需的最少信息，不会要求您填写与服务无关的内容，也不会因为您拒绝提供非必要信息而拒绝提供服务。',
  '用来做什么：一是为您和孩子提供家庭心理健康教育指导服务，如家长课堂、专题讲座、家长沙龙和寒暑假家访；二是统计服务覆盖情况，帮助教育、妇联、关工委等部门改进工作。我们不会把您的信息用于广告或商业营销。',
  '谁能看到：孩子学校（或您所在站点）的家长学校负责人、班主任和心理健康教师，在各自工作需要的范围内查看您家庭的信息。县、市、省各级教育、妇联、关工委工作人员只能看到汇总统计数字（如参加户数、覆盖率），看不到具体家庭和孩子的信息；人数很少的统计结果也会隐藏，避免反推出具体家庭。',
  '不对外提供：除法律法规规定或有权机关依法要求外，我们不会向任何第三方出售、提供或公开您和孩子的个人信息。信息存储在境内，传输和存储采取加密等安全措施，工作人员的操作会留下记录以便核查。',
  '保存多久：账号和家庭信息在您使用服务期间保存，您注销账号后 30 日内删除或匿名化处理。参加服务的记录最多保存 3 年，用于年度统计，到期删除或匿名化。匿名化后的汇总数字不能再识别到个人，可以长期保存。',
  '您的权利：您可以随时在心桥中查阅、更正您和孩子的信息，可以要求复制或删除这些信息，也可以撤回同意、注销账号。撤回同意不影响撤回前已经进行的处理，但撤回后我们将停止相应服务并删除相关信息。',
  '孩子的信息：心桥只面向孩子的监护人提供服务，不直接向孩子收集信息。孩子不满十四周岁的，其个人信息属于敏感个人信息，您作为监护人同意本政策，即是对处理孩子上述基本信息（姓名、学校、年级、班级）的单独同意。',
  '敏感个人信息单独同意：孩子心理健康状况等信息（如心理预警清单的作答），只有在您另外阅读并单独同意后才会收集；不同意不影响您使用心桥的其他服务。',
  '联系我们：如对本政策或您的信息有疑问、投诉或请求，请联系孩子学校的家长学校负责人或站点工作人员。我们将在收到请求后 15 个工作日内答复。',
  `政策更新：本政策更新时，我们会在心桥中提示您，涉及您权利的重要变化会重新征得您的同意。本政策版本：${CONSENT_TEXT_VERSION}。`,
].join('\n\n');

const CHECKLIST_CONSENT_TEXT = [
  '心理预警清单是帮助家长留意孩子情绪和行为变化的一份问卷。您为孩子填写的答案反映孩子的身心健康状况，属于未成年人的敏感个人信息。按照《中华人民共和国个人信息保护法》，我们需要您单独同意后才会收集和处理。',
  '收集什么：您对清单各题的作答、作答时间、对应的孩子，以及据此得出的提示等级。',
  '用来做什么：只用于向您提供相应的家庭指导建议和求助渠道；在您选择分享时，供孩子学校的心理健康教师跟进帮助。不会用于评优、分班、升学等任何评价孩子的用途。',
  '如何保护：作答内容加密存储。班主任、家长学校负责人以及县、市、省各级工作人员都看不到作答内容，统计只使用不能识别个人的汇总数字。',
  '谁能看到：默认只有您自己能看到。只有您在提交时主动选择"分享给学校"，孩子学校的心理健康教师才能看到这一次的结果，以便与您联系、提供帮助。不分享不影响您获得建议。',
  '保存多久：最多保存 3 年，到期自动删除。',
  '撤回与删除：您可以随时撤回本同意，撤回后我们不再收集新的作答；您也可以随时删除已填写的记录。撤回不影响撤回前已经进行的处理。',
  '不是诊断：清单结果只是筛查参考，不是医学或心理诊断，不能代替专业评估。如有担心，请联系学校心理健康教师或到正规医疗机构就诊；如孩子有伤害自己或他人的危险，请立即拨打 120 或 110。',
  '不同意也可以：不同意本单独同意，您仍可正常使用心桥的其他服务。',
].join('\n\n');

const STAFF_TERMS_TEXT = [
  '本人使用心桥工作账号，承诺：',
  '一、只为家庭心理健康教育指导服务（家长学校、家访、转介跟进、覆盖统计）查看和处理家庭信息，不做其他用途。',
  '二、对工作中知悉的家庭、学生及其心理健康信息保密：不截图、不拍照、不转发、不在工作群或朋友圈谈论，不向无关人员透露。',
  '三、只查看本人职责范围内的家庭；查看手机号码、家庭住址等信息时系统会记录，仅在联系家庭时查看。',
  '四、账号和密码只由本人使用，不借给他人；离开电脑时退出登录；调离岗位时告知学校或上级单位停用账号。',
  '五、发现信息泄露或可能泄露时，立即报告本单位负责人。',
  `承诺版本：${CONSENT_TEXT_VERSION}。`,
].join('\n\n');

export const CONSENT_TEXTS: Prisma.ConsentTextCreateManyInput[] = [
  { scope: 'privacy:basic', textVersion: CONSENT_TEXT_VERSION, title: '心桥隐私政策与用户协议', text: PRIVACY_TEXT },
  {
    scope: 'sensitive:checklist',
    textVersion: CONSENT_TEXT_VERSION,
    title: '敏感个人信息单独同意（心理预警清单）',
    text: CHECKLIST_CONSENT_TEXT,
  },
  {
    scope: 'staff:confidentiality',
    textVersion: CONSENT_TEXT_VERSION,
    title: '工作人员保密承诺',
    text: STAFF_TERMS_TEXT,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Demo units
// ---------------------------------------------------------------------------------------------------------------

const PRIMARY = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6'];
const JUNIOR = ['G7', 'G8', 'G9'];

const GRADE_LABEL: Record<string, string> = {
  G1: '一年级',
  G2: '二年级',
  G3: '三年级',
  G4: '四年级',
  G5: '五年级',
  G6: '六年级',
  G7: '七年级',
  G8: '八年级',
  G9: '九年级',
};

function className(grade: string, n: number): string {
  return `${GRADE_LABEL[grade]}（${n}）班`;
}

interface UnitSpec {
  key: string;
  name: string;
  kind: 'SCHOOL' | 'COMMUNITY_SITE';
  countyId: string;
  /** Grades taught (schools). */
  grades?: string[];
  /** Schools the children of a community site's families attend. */
  childSchools?: string[];
  /** Generated families (besides the demo parents' own). Some are under 5 to show small-count suppression. */
  families: number;
}

const UNITS: UnitSpec[] = [
  {
    key: 'demo',
    name: DEMO_SCHOOL_NAME,
    kind: 'SCHOOL',
    countyId: DEMO_SCHOOL_COUNTY_ID,
    grades: PRIMARY,
    families: 40,
  },
  {
    key: 'hrb-daoli',
    name: '哈尔滨市道里区晨光小学',
    kind: 'SCHOOL',
    countyId: '230102',
    grades: PRIMARY,
    families: 34,
  },
  {
    key: 'hrb-xiangfang',
    name: '哈尔滨市香坊区育新初级中学',
    kind: 'SCHOOL',
    countyId: '230110',
    grades: JUNIOR,
    families: 30,
  },
  {
    key: 'hrb-pingfang',
    name: '哈尔滨市平房区启航学校',
    kind: 'SCHOOL',
    countyId: '230108',
    grades: [...PRIMARY, ...JUNIOR],
    families: 24,
  },
  { key: 'qqhr', name: '齐齐哈尔市龙沙区鹤城小学', kind: 'SCHOOL', countyId: '230202', grades: PRIMARY, families: 22 },
  { key: 'mdj', name: '牡丹江市东安区江滨中学', kind: 'SCHOOL', countyId: '231002', grades: JUNIOR, families: 20 },
  {
    key: 'site-hexing',
    name: '南岗区和兴社区家长学校',
    kind: 'COMMUNITY_SITE',
    countyId: '230103',
    childSchools: ['demo', 'hrb-daoli'],
    families: 12,
  },
  {
    key: 'site-huayuan',
    name: '南岗区花园街道家庭教育指导服务站点',
    kind: 'COMMUNITY_SITE',
    countyId: '230103',
    childSchools: ['demo', 'hrb-xiangfang'],
    families: 9,
  },
  {
    key: 'site-anjing',
    name: '道里区安静社区家长学校',
    kind: 'COMMUNITY_SITE',
    countyId: '230102',
    childSchools: ['hrb-daoli'],
    families: 4,
  },
  {
    key: 'site-tongtian',
    name: '香坊区通天街道家庭教育指导服务站点',
    kind: 'COMMUNITY_SITE',
    countyId: '230110',
    childSchools: ['hrb-xiangfang', 'hrb-pingfang'],
    families: 3,
  },
  {
    key: 'site-qixing',
    name: '东安区七星街道家庭教育指导服务站点',
    kind: 'COMMUNITY_SITE',
    countyId: '231002',
    childSchools: ['mdj'],
    families: 2,
  },
];

/** Demo parents 1…10: their families at the demo school. Parents 2 and 3 are the two guardians of one family. */
const DEMO_FAMILIES: { parents: number[]; children: { name: string; grade: string; classNo: number }[] }[] = [
  { parents: [1], children: [{ name: '张子涵', grade: 'G3', classNo: 1 }] },
  {
    parents: [2, 3],
    children: [
      { name: '刘一诺', grade: 'G3', classNo: 1 },
      { name: '刘一航', grade: 'G1', classNo: 2 },
    ],
  },
  { parents: [4], children: [{ name: '陈思远', grade: 'G5', classNo: 1 }] },
  { parents: [5], children: [{ name: '杨雨桐', grade: 'G2', classNo: 3 }] },
  { parents: [6], children: [{ name: '赵浩然', grade: 'G3', classNo: 1 }] },
  {
    parents: [7],
    children: [
      { name: '黄欣怡', grade: 'G4', classNo: 2 },
      { name: '黄欣然', grade: 'G6', classNo: 1 },
    ],
  },
  { parents: [8], children: [{ name: '周梓轩', grade: 'G6', classNo: 2 }] },
  { parents: [9], children: [{ name: '吴佳琪', grade: 'G1', classNo: 1 }] },
  { parents: [10], children: [{ name: '孙铭泽', grade: 'G3', classNo: 2 }] },
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '沈',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '潘',
  '杜',
  '姜',
  '范',
  '石',
  '姚',
  '谭',
  '金',
  '陆',
  '郝',
  '孔',
  '白',
  '崔',
  '孟',
];
const GIVEN_NAMES = [
  '子涵',
  '梓轩',
  '一诺',
  '欣怡',
  '浩然',
  '雨桐',
  '思远',
  '佳琪',
  '铭泽',
  '若汐',
  '宇轩',
  '诗涵',
  '梓萱',
  '俊熙',
  '嘉怡',
  '博文',
  '语桐',
  '晨阳',
  '可馨',
  '天佑',
  '明轩',
  '静怡',
  '子墨',
  '雨泽',
  '欣妍',
  '梓晨',
  '思彤',
  '浩宇',
  '奕辰',
  '梦瑶',
  '一鸣',
  '书瑶',
  '皓轩',
  '紫涵',
  '睿哲',
  '安琪',
  '沐阳',
  '雅琳',
  '锦程',
  '芷若',
  '家豪',
  '婉清',
  '子豪',
  '欣悦',
  '文博',
];

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** Small deterministic PRNG (mulberry32) so the demo has the same shape on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uppercase letters and digits without the look-alikes I, O, 0 and 1. */
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function inviteCodeFactory(reserved: string[]): () => string {
  const used = new Set(reserved);
  return () => {
    for (;;) {
      let code = '';
      for (let i = 0; i < 8; i += 1) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
}

async function alreadySeeded(db: PrismaClient | Tx): Promise<boolean> {
  const [province, admin] = await Promise.all([
    db.orgUnit.findUnique({ where: { id: PROVINCE_ID }, select: { id: true } }),
    db.user.findUnique({ where: { username: DEMO_USERNAMES.admin }, select: { id: true } }),
  ]);
  return province !== null && admin !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// Seed
// ---------------------------------------------------------------------------------------------------------------

interface DemoRows {
  units: Prisma.OrgUnitCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  roles: Prisma.RoleAssignmentCreateManyInput[];
  families: Prisma.FamilyCreateManyInput[];
  guardians: Prisma.GuardianCreateManyInput[];
  children: Prisma.ChildCreateManyInput[];
  invites: Prisma.InviteCodeCreateManyInput[];
}

function buildDemoRows(passwordHash: string): DemoRows {
  const regionPath = new Map(provinceTreeRows().map((r) => [r.id, r.path]));
  const rand = prng(98_2023);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const newInviteCode = inviteCodeFactory([DEMO_INVITE_CODE, DEMO_CLASS_INVITE_CODE]);

  const rows: DemoRows = { units: [], users: [], roles: [], families: [], guardians: [], children: [], invites: [] };

  // Schools and community sites.
  const unitId = new Map<string, string>();
  const gradesOf = new Map<string, string[]>();
  for (const spec of UNITS) {
    const countyPath = regionPath.get(spec.countyId);
    if (!countyPath) throw new Error(`区划数据中找不到县级单位 ${spec.countyId}`);
    const id = randomUUID();
    unitId.set(spec.key, id);
    if (spec.grades) gradesOf.set(spec.key, spec.grades);
    rows.units.push({
      id,
      code: null,
      name: spec.name,
      kind: spec.kind,
      parentId: spec.countyId,
      path: `${countyPath}${id}/`,
      depth: 3,
    });
    rows.invites.push({
      code: spec.key === 'demo' ? DEMO_INVITE_CODE : newInviteCode(),
      kind: 'SCHOOL',
      orgUnitId: id,
    });
  }
  const demoSchoolId = unitId.get('demo')!;
  rows.invites.push({
    code: DEMO_CLASS_INVITE_CODE,
    kind: 'CLASS',
    orgUnitId: demoSchoolId,
    grade: DEMO_CLASS_GRADE,
    className: DEMO_CLASS_NAME,
  });

  // Staff accounts (one scrypt hash shared by all).
  const staff: {
    username: string;
    displayName: string;
    role: Prisma.RoleAssignmentCreateManyInput['role'];
    orgUnitId: string;
  }[] = [
    { username: DEMO_USERNAMES.admin, displayName: '省级管理员', role: 'ADMIN', orgUnitId: PROVINCE_ID },
    {
      username: DEMO_USERNAMES.federationProvince,
      displayName: '省妇联（演示）',
      role: 'FEDERATION',
      orgUnitId: PROVINCE_ID,
    },
    {
      username: DEMO_USERNAMES.federationHarbin,
      displayName: '哈尔滨市妇联（演示）',
      role: 'FEDERATION',
      orgUnitId: HARBIN_ID,
    },
    { username: DEMO_USERNAMES.committee, displayName: '省关工委（演示）', role: 'COMMITTEE', orgUnitId: PROVINCE_ID },
    {
      username: DEMO_USERNAMES.coordinator,
      displayName: '心桥实验小学家长学校负责人',
      role: 'COORDINATOR',
      orgUnitId: demoSchoolId,
    },
    { username: DEMO_USERNAMES.teacher, displayName: '王老师（班主任）', role: 'TEACHER', orgUnitId: demoSchoolId },
    {
      username: DEMO_USERNAMES.counselor,
      displayName: '李老师（心理健康教师）',
      role: 'COUNSELOR',
      orgUnitId: demoSchoolId,
    },
  ];
  for (const s of staff) {
    const id = randomUUID();
    rows.users.push({ id, username: s.username, passwordHash, displayName: s.displayName });
    rows.roles.push({ id: randomUUID(), userId: id, role: s.role, orgUnitId: s.orgUnitId });
  }

  // Demo parents (WeChat sign-in only, no password).
  const parentId: string[] = [];
  for (let n = 1; n <= DEMO_PARENT_COUNT; n += 1) {
    const id = randomUUID();
    parentId[n] = id;
    rows.users.push({ id, openid: demoParentOpenid(n), displayName: `演示家长${n}` });
  }

  const addFamily = (orgUnitId: string): string => {
    const id = randomUUID();
    rows.families.push({ id, orgUnitId });
    return id;
  };

  // Demo parents 1…10: families at the demo school; odd-numbered parents are mothers, even-numbered fathers.
  for (const fam of DEMO_FAMILIES) {
    const familyId = addFamily(demoSchoolId);
    for (const n of fam.parents) {
      rows.guardians.push({
        id: randomUUID(),
        familyId,
        userId: parentId[n],
        relation: n % 2 === 1 ? 'MOTHER' : 'FATHER',
      });
    }
    for (const c of fam.children) {
      rows.children.push({
        id: randomUUID(),
        familyId,
        name: c.name,
        schoolId: demoSchoolId,
        grade: c.grade,
        className: className(c.grade, c.classNo),
      });
    }
  }

  // Generated families for the reports: guardians are placeholder users (no openid, no username).
  let guardianNo = 0;
  for (const spec of UNITS) {
    const orgUnitId = unitId.get(spec.key)!;
    for (let i = 0; i < spec.families; i += 1) {
      const familyId = addFamily(orgUnitId);
      const first: Relation = rand() < 0.08 ? 'GRANDPARENT' : rand() < 0.6 ? 'MOTHER' : 'FATHER';
      const relations: Relation[] = [first];
      if (first !== 'GRANDPARENT' && rand() < 0.25) relations.push(first === 'MOTHER' ? 'FATHER' : 'MOTHER');
      for (const relation of relations) {
        guardianNo += 1;
        const userId = randomUUID();
        rows.users.push({ id: userId, displayName: `家长${guardianNo}` });
        rows.guardians.push({ id: randomUUID(), familyId, userId, relation });
      }
      const schoolKey = spec.kind === 'SCHOOL' ? spec.key : pick(spec.childSchools ?? []);
      const schoolId = unitId.get(schoolKey)!;
      const grades = gradesOf.get(schoolKey)!;
      const surname = pick(SURNAMES);
      const childCount = rand() < 0.15 ? 2 : 1;
      const names = new Set<string>();
      while (names.size < childCount) names.add(surname + pick(GIVEN_NAMES));
      for (const name of names) {
        const grade = pick(grades);
        rows.children.push({
          id: randomUUID(),
          familyId,
          name,
          schoolId,
          grade,
          className: className(grade, 1 + Math.floor(rand() * 4)),
        });
      }
    }
  }
  return rows;
}

export async function seedDemo(
  db: PrismaClient,
  opts: { log?: (msg: string) => void; cipher?: FieldCipher } = {},
): Promise<{ seeded: boolean }> {
  const log = opts.log ?? (() => undefined);
  if (await alreadySeeded(db)) {
    log('演示数据已存在，跳过。');
    return { seeded: false };
  }
  // The demo accounts' password is published: never add them next to real people's accounts.
  if ((await db.user.count()) > 0) {
    throw new Error('数据库中已有用户，拒绝载入演示数据（演示账号的密码是公开的，只能用于空的演示数据库）');
  }
  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = buildDemoRows(passwordHash);

  try {
    await db.$transaction(
      async (tx) => {
        await seedProvinceTree(tx);
        await tx.orgUnit.createMany({ data: rows.units });
        await tx.user.createMany({ data: rows.users });
        await tx.roleAssignment.createMany({ data: rows.roles });
        await tx.family.createMany({ data: rows.families });
        await tx.guardian.createMany({ data: rows.guardians });
        await tx.child.createMany({ data: rows.children });
        await tx.inviteCode.createMany({ data: rows.invites });
        await tx.consentText.createMany({ data: CONSENT_TEXTS, skipDuplicates: true });
        await seedDemoChecklists(tx);
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  } catch (err) {
    // Another process seeding at the same moment wins (this run then fails on a unique key and rolls back):
    // nothing left to do.
    if (await alreadySeeded(db).catch(() => false)) {
      log('演示数据已由另一进程创建，跳过。');
      return { seeded: false };
    }
    throw err;
  }

  const regions = provinceTreeRows();
  const count = (kind: string) => regions.filter((r) => r.kind === kind).length;
  const schools = rows.units.filter((u) => u.kind === 'SCHOOL').length;
  log(
    `演示数据已创建（${Date.now() - started} 毫秒）：黑龙江省 ${count('CITY')} 个市（地区）、${count('COUNTY')} 个县（市、区）；` +
      `学校 ${schools} 所、社区指导站点 ${rows.units.length - schools} 个；工作人员账号 ${Object.keys(DEMO_USERNAMES).length} 个（密码 ${DEMO_PASSWORD}）；` +
      `演示家长 ${DEMO_PARENT_COUNT} 人；家庭 ${rows.families.length} 户、孩子 ${rows.children.length} 人；` +
      `演示学校「${DEMO_SCHOOL_NAME}」邀请码 ${DEMO_INVITE_CODE}。`,
  );
  // The lesson library and the demo year's activity (sessions, attendance, home visits).
  const adminId = (await db.user.findUniqueOrThrow({ where: { username: DEMO_USERNAMES.admin }, select: { id: true } }))
    .id;
  await seedDemoLessons(db, PROVINCE_ID, adminId);
  // Demo records are made up: without DATA_KEYS they are encrypted with the demo key.
  const cipher =
    opts.cipher ??
    cipherFromEnv({ DATA_KEYS: process.env.DATA_KEYS, DATA_KEY_ID: process.env.DATA_KEY_ID ?? 'dev', DEMO_MODE: true });
  await seedDemoActivity(db, cipher, log);
  await seedDemoRosters(db, cipher, log);
  return { seeded: true };
}
