import { router } from '../../trpc/init';
import { create } from './create';
import { disable } from './disable';
import { grantRole } from './grant-role';
import { revokeRole } from './revoke-role';
import { importXlsx } from './import-xlsx';
import { importTemplate } from './import-template';
import { resetPassword } from './reset-password';
import { list } from './list';

export const staffRouter = router({
  create,
  disable,
  grantRole,
  revokeRole,
  importXlsx,
  importTemplate,
  resetPassword,
  list,
});
