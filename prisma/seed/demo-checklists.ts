/**
 * The starter warning-sign checklists (心理预警清单, 黑教联〔2023〕98号 第 10–12、18、19 条), version 1 of each,
 * published. Province admins edit them as new versions (checklists.saveDraft / publish); a response
 * keeps the version it answered.
 *
 * - PSC-17 parent form: the Pediatric Symptom Checklist (free to reproduce), in 心桥's own Chinese
 *   translation, labelled as such. Items in the published form's order; subscales by the published
 *   mapping (internalising 2, 6, 9, 11, 15; attention 1, 3, 7, 13, 17; externalising 4, 5, 8, 10, 12,
 *   14, 16); cut-offs total ≥ 15, internalising ≥ 5, attention ≥ 7, externalising ≥ 7.
 * - A crisis warning-sign list for every stage, and one for parents of university students. Critical
 *   signs answered 有时 or 经常 mean URGENT; two or more other signs at 经常 mean CONTACT_SCHOOL.
 *
 * Idempotent and safe to run concurrently: version 1 of a code is inserted only if absent
 * (ON CONFLICT DO NOTHING), so later versions and admins' publish choices are never touched.
 */
import type { Prisma, PrismaClient } from '../../server/generated/prisma/client';
import type { ChecklistItem, ChecklistScoring, ChecklistStage } from '../../server/shared/checklists';

export interface ChecklistContent {
  code: string;
  title: string;
  stage: ChecklistStage;
  intro: string;
  items: ChecklistItem[];
  scoring: ChecklistScoring;
}

const SCALE = '每题按孩子最近的情况选择：从不、有时、经常。';
const NOT_DIAGNOSIS = '结果只是筛查参考，不是诊断；如有担心，请与学校心理健康教师联系或到正规医疗机构就诊。';

export const PSC17: ChecklistContent = {
  code: 'psc-17',
  title: '儿童心理健康筛查 PSC-17 家长版（心桥自译，仅供筛查参考）',
  stage: 'CHILD',
  intro: [
    '本清单译自儿科症状清单（Pediatric Symptom Checklist，PSC-17）家长版。中文由心桥自行翻译，不是官方译本，仅供筛查参考。适用于 4–16 岁的孩子。',
    SCALE,
    NOT_DIAGNOSIS,
  ].join('\n'),
  items: [
    { id: 'psc01', text: '坐立不安，很难安静地坐一会儿', subscale: 'attention' },
    { id: 'psc02', text: '感到难过、不开心', subscale: 'internalising' },
    { id: 'psc03', text: '常常走神、发呆，像在做白日梦', subscale: 'attention' },
    { id: 'psc04', text: '不愿意和别人分享东西', subscale: 'externalising' },
    { id: 'psc05', text: '不理解、不体谅别人的感受', subscale: 'externalising' },
    { id: 'psc06', text: '觉得没有希望', subscale: 'internalising' },
    { id: 'psc07', text: '很难集中注意力', subscale: 'attention' },
    { id: 'psc08', text: '和其他孩子打架', subscale: 'externalising' },
    { id: 'psc09', text: '看不起自己，常说自己不好', subscale: 'internalising' },
    { id: 'psc10', text: '把自己遇到的麻烦怪到别人身上', subscale: 'externalising' },
    { id: 'psc11', text: '玩耍或做事时的乐趣好像比以前少了', subscale: 'internalising' },
    { id: 'psc12', text: '不遵守规则', subscale: 'externalising' },
    { id: 'psc13', text: '精力过剩，像装了马达一样停不下来', subscale: 'attention' },
    { id: 'psc14', text: '取笑、捉弄别人', subscale: 'externalising' },
    { id: 'psc15', text: '担心的事情很多', subscale: 'internalising' },
    { id: 'psc16', text: '拿不属于自己的东西', subscale: 'externalising' },
    { id: 'psc17', text: '容易分心', subscale: 'attention' },
  ],
  scoring: { totalCutoff: 15, subscaleCutoffs: { internalising: 5, attention: 7, externalising: 7 } },
};

export const CRISIS_SIGNS: ChecklistContent = {
  code: 'crisis-signs',
  title: '孩子心理危机预警信号清单',
  stage: 'ANY',
  intro: [
    '这份清单帮助家长识别孩子可能处在心理危机中的信号，适用于各学段的孩子。请根据孩子最近一个月的情况作答。',
    SCALE,
    '标注的危险信号只要出现过，就请立即行动，不要等待。',
    NOT_DIAGNOSIS,
  ].join('\n'),
  items: [
    { id: 'c01', text: '说起死亡或自杀，或留下告别的话、发出告别的信息（如“以后不用管我了”）', critical: true },
    { id: 'c02', text: '身上有自伤的痕迹（如划伤、烫伤），或有说不清来历的伤', critical: true },
    { id: 'c03', text: '把心爱的物品送人，或像在交代后事', critical: true },
    { id: 'c04', text: '搜索、收集或谈论伤害自己的方法或工具（如药物、绳索、高处）', critical: true },
    { id: 'c05', text: '突然变得孤僻，回避家人和朋友，常把自己关在房间里' },
    { id: 'c06', text: '睡眠或食欲明显改变，持续两周以上' },
    { id: 'c07', text: '不愿意上学、拒绝上学，或成绩突然大幅下滑' },
    { id: 'c08', text: '在学校或网上被欺负、被孤立或被威胁' },
    { id: 'c09', text: '吸烟、喝酒或使用其他成瘾物质' },
    { id: 'c10', text: '情绪持续低落、易怒或紧张，超过两周' },
    { id: 'c11', text: '常说自己没用、什么都做不好' },
  ],
  scoring: { frequentCutoff: 2 },
};

export const CRISIS_SIGNS_UNIVERSITY: ChecklistContent = {
  code: 'crisis-signs-university',
  title: '大学生心理危机预警信号清单（家长版）',
  stage: 'UNIVERSITY',
  intro: [
    '孩子上大学后多数时间不在身边，家长往往只能从电话、视频和信息里察觉变化。请根据最近一个月与孩子联系时的情况作答。',
    SCALE,
    '标注的危险信号只要出现过，就请立即与孩子和学校联系，不要等待。',
    NOT_DIAGNOSIS,
  ].join('\n'),
  items: [
    { id: 'u01', text: '说起死亡或自杀，或发来带有告别意味的信息', critical: true },
    { id: 'u02', text: '提到或被发现有伤害自己的行为', critical: true },
    { id: 'u03', text: '把重要物品送人、交代后事，或突然处理个人事务', critical: true },
    { id: 'u04', text: '搜索、准备或谈论伤害自己的方法或工具', critical: true },
    { id: 'u05', text: '突然很少联系家里，联系时回避、不愿多说' },
    { id: 'u06', text: '睡眠或饮食明显改变，持续两周以上' },
    { id: 'u07', text: '经常不去上课，或提到想退学、休学' },
    { id: 'u08', text: '与室友、同学关系紧张，被排挤或被欺负' },
    { id: 'u09', text: '饮酒明显增多，或使用其他成瘾物质' },
    { id: 'u10', text: '情绪持续低落、焦虑或易怒，超过两周' },
    { id: 'u11', text: '遇到重大挫折（如挂科、失恋、求职受挫、家庭变故）后长时间走不出来' },
    { id: 'u12', text: '沉迷网络游戏或网络借贷，作息严重紊乱' },
  ],
  scoring: { frequentCutoff: 2 },
};

export const DEMO_CHECKLISTS: ChecklistContent[] = [PSC17, CRISIS_SIGNS, CRISIS_SIGNS_UNIVERSITY];

type SeedDb = PrismaClient | Prisma.TransactionClient;

/** Inserts version 1 of each starter checklist, published, unless that code's version 1 exists. */
export async function seedDemoChecklists(db: SeedDb): Promise<{ seeded: number }> {
  const { count } = await db.checklist.createMany({
    data: DEMO_CHECKLISTS.map((c) => ({
      code: c.code,
      version: 1,
      title: c.title,
      stage: c.stage,
      intro: c.intro,
      items: c.items as unknown as Prisma.InputJsonValue,
      scoring: c.scoring as Prisma.InputJsonValue,
      published: true,
    })),
    skipDuplicates: true,
  });
  return { seeded: count };
}
