// The visits domain's home entries.
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';
import { VISIT_ROUTES } from './routes';
import { visitorGrants, visitCoordinatorGrants } from './visit-grants';

export const visitEntries = {
  parent: (me: Me): HomeEntry[] =>
    me.familyId
      ? [
          {
            title: '预约家访',
            description: '寒暑假家访、电话家访：选一个老师安排的时间预约，可以改时间或取消。',
            url: VISIT_ROUTES.parent,
          },
        ]
      : [],
  staff: (me: Me): HomeEntry[] => {
    const out: HomeEntry[] = [];
    if (visitorGrants(me).length > 0) {
      out.push({
        title: '我的家访',
        description: '批量发布家访时段、查看家访日程、填写家访记录与跟进事项。',
        url: VISIT_ROUTES.teacher,
      });
    }
    if (visitCoordinatorGrants(me).length > 0) {
      out.push({
        title: '家访安排与进度',
        description: '开设寒暑假家访与电话家访窗口，设置班主任，查看各班家访进度与重点关注家庭。',
        url: VISIT_ROUTES.coordinator,
      });
    }
    return out;
  },
};
