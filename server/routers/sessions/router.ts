import { router } from '../../trpc/init';
import { create } from './create';
import { createCourse } from './create-course';
import { copy } from './copy';
import { update } from './update';
import { publish } from './publish';
import { cancel } from './cancel';
import { list } from './list';
import { get } from './get';
import { register } from './register';
import { registerFamily } from './register-family';
import { cancelRegistration } from './cancel-registration';
import { checkInCode } from './check-in-code';
import { checkIn } from './check-in';
import { markAttendance } from './mark-attendance';
import { importAttendance } from './import-attendance';
import { roster } from './roster';
import { signInSheet } from './sign-in-sheet';
import { walkInCandidates } from './walk-in-candidates';
import { mine } from './mine';
import { rate } from './rate';

export const sessionsRouter = router({
  create,
  createCourse,
  copy,
  update,
  publish,
  cancel,
  list,
  get,
  register,
  registerFamily,
  cancelRegistration,
  checkInCode,
  checkIn,
  markAttendance,
  importAttendance,
  roster,
  signInSheet,
  walkInCandidates,
  mine,
  rate,
});
