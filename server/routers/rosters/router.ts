import { router } from '../../trpc/init';
import { importXlsx } from './import-xlsx';
import { template } from './template';
import { classes } from './classes';
import { students } from './students';
import { closeStudent } from './close-student';
import { pending } from './pending';
import { matchFamily } from './match-family';
import { confirmNotOnRoster } from './confirm-not-on-roster';
import { corrections } from './corrections';
import { closeCorrection } from './close-correction';

export const rostersRouter = router({
  importXlsx,
  template,
  classes,
  students,
  closeStudent,
  pending,
  matchFamily,
  confirmNotOnRoster,
  corrections,
  closeCorrection,
});
