// The reports domain's home entries: 覆盖情况统计 for region staff (妇联、关工委), admins and site coordinators.
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';
import { REPORTS_DASHBOARD_URL, reportGrants } from './report-scope';

export const reportEntries = {
  parent: (_me: Me): HomeEntry[] => [],
  staff: (me: Me): HomeEntry[] =>
    reportGrants(me).length > 0
      ? [
          {
            title: '覆盖情况统计',
            description: '家庭心理健康教育指导服务覆盖率、站点开展率（目标 60%）、按地区逐级查看与导出 Excel。',
            url: REPORTS_DASHBOARD_URL,
          },
        ]
      : [],
};
