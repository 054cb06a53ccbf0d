import { staffProcedure } from '../../trpc/procedures';
import { unitsTemplate } from '../../services/admin/import-units';
import { exportFile } from '../reports/outputs';

export const importTemplate = staffProcedure(['ADMIN'])
  .meta({ summary: '下载学校与站点导入模板（Excel，含表头和填写说明）' })
  .output(exportFile)
  .query(() => unitsTemplate());
