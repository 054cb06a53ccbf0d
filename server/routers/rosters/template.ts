import { staffProcedure } from '../../trpc/procedures';
import { rosterTemplate } from '../../services/rosters/import-roster';
import { exportFile } from '../reports/outputs';
import { ROSTER_KEEPERS } from './access';

export const template = staffProcedure(ROSTER_KEEPERS)
  .meta({ summary: '下载班级名册导入模板（Excel，含表头和填写说明）' })
  .output(exportFile)
  .query(() => rosterTemplate());
