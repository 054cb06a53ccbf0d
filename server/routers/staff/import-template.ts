import { staffProcedure } from '../../trpc/procedures';
import { staffTemplate } from '../../services/admin/import-staff';
import { exportFile } from '../reports/outputs';
import { STAFF_MANAGERS } from './access';

export const importTemplate = staffProcedure(STAFF_MANAGERS)
  .meta({ summary: '下载教职工导入模板（Excel，含表头和填写说明）' })
  .output(exportFile)
  .query(() => staffTemplate());
