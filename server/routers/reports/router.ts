import { router } from '../../trpc/init';
import { coverage } from './coverage';
import { coverageXlsx } from './coverage-xlsx';
import { coverageCsv } from './coverage-csv';
import { dashboard } from './dashboard';
import { unservedFamilies } from './unserved-families';
import { remindUnserved } from './remind-unserved';
import { compliance } from './compliance';
import { setTarget, targets } from './targets';
import { signOff, signOffStatus } from './sign-off';
import { monthly } from './monthly';
import { knowledge } from './knowledge';
import { ledgerXlsx } from './ledger-xlsx';

export const reportsRouter = router({
  coverage,
  coverageXlsx,
  coverageCsv,
  dashboard,
  unservedFamilies,
  remindUnserved,
  compliance,
  targets,
  setTarget,
  signOff,
  signOffStatus,
  monthly,
  knowledge,
  ledgerXlsx,
});
