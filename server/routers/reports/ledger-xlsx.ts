import { ledgerInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { ledgerWorkbook } from '../../services/reports/ledger';
import { SITE_COORDINATORS } from './access';
import { exportFile } from './outputs';

/** Names households: the unit's own coordinator and admins only, never region staff (who see aggregates). */
export const ledgerXlsx = staffProcedure(SITE_COORDINATORS)
  .input(ledgerInput)
  .scopedBy('orgUnitId')
  .meta({
    summary:
      '导出学校或站点的学期工作台账 Excel（汇总、活动计划与记录、签到表、家访汇总、特殊群体家访；含学生姓名，记入审计）',
  })
  .output(exportFile)
  .query(({ ctx, input }) => ledgerWorkbook({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
