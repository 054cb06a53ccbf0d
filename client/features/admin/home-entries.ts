// The desk pages' home entries (web build only).
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';
import { DESK_PAGES, rosterGrants, staffAdminGrants, unitAdminGrants } from './admin-grants';
import { ADMIN_ROUTES } from './routes';

export const adminEntries = {
  staff: (me: Me): HomeEntry[] => {
    if (!DESK_PAGES) return [];
    const out: HomeEntry[] = [];
    if (rosterGrants(me).length > 0)
      out.push({
        title: '班级名册与待核对',
        description: '导入班级名册（Excel），按班查看家庭是否已加入、班级邀请码，核对不在名册上的家庭。',
        url: ADMIN_ROUTES.rosters,
      });
    if (staffAdminGrants(me).length > 0)
      out.push({
        title: '教职工账号',
        description: '从 Excel 导入教师、心理健康教师账号与班主任班级，初始密码当面交给本人。',
        url: ADMIN_ROUTES.staff,
      });
    if (unitAdminGrants(me).length > 0)
      out.push({
        title: '学校与站点',
        description: '查看本辖区的学校和社区站点，从 Excel 导入一个县的学校和站点。',
        url: ADMIN_ROUTES.units,
      });
    return out;
  },
};
