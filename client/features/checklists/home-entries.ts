// The checklists domain's home entries: 心理预警清单 for parents, 转介信箱 for counsellors, 清单管理 for admins.
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';
import { CHECKLIST_ROUTES } from './routes';

/**
 * Checklist content is edited by the province's admins only (server: checklists/outputs.ts
 * PROVINCE_UNIT_ID); a city admin would be refused, so the entry is not offered there.
 */
const CONTENT_UNIT_ID = '230000';

export const checklistEntries = {
  parent: (me: Me): HomeEntry[] =>
    me.familyId
      ? [
          {
            title: '心理预警清单',
            description: '对照清单留意孩子的心理危机信号，得到筛查参考和求助方法；可选择分享给学校心理健康教师。',
            url: CHECKLIST_ROUTES.parent,
          },
        ]
      : [],
  staff: (me: Me): HomeEntry[] => {
    const entries: HomeEntry[] = [];
    if (me.roles.some((r) => r.role === 'COUNSELOR')) {
      entries.push({
        title: '转介信箱',
        description: '家长分享的心理预警清单结果：按确认期限排序，确认接收并记录跟进。',
        url: CHECKLIST_ROUTES.referrals,
      });
    }
    if (me.roles.some((r) => r.role === 'ADMIN' && r.orgUnitId === CONTENT_UNIT_ID)) {
      entries.push({
        title: '清单管理',
        description: '编辑心理预警清单的题目与说明，保存为新版本并发布。',
        url: CHECKLIST_ROUTES.editor,
      });
    }
    return entries;
  },
};
