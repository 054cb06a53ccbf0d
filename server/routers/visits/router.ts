import { router } from '../../trpc/init';
import { createWindow } from './create-window';
import { windows } from './windows';
import { setClassTeacher } from './set-class-teacher';
import { assign } from './assign';
import { assignBulk } from './assign-bulk';
import { addSlots } from './add-slots';
import { addSlotsBulk } from './add-slots-bulk';
import { openSlots } from './open-slots';
import { familyWindows } from './family-windows';
import { book } from './book';
import { bookForFamily } from './book-for-family';
import { cancel } from './cancel';
import { cancelByTeacher } from './cancel-by-teacher';
import { reschedule } from './reschedule';
import { mine } from './mine';
import { complete } from './complete';
import { recordOutcome } from './record-outcome';
import { editRecord } from './edit-record';
import { record } from './record';
import { calendar } from './calendar';
import { followUps } from './follow-ups';
import { completeFollowUp } from './complete-follow-up';
import { flagPriority } from './flag-priority';
import { progress } from './progress';
import { schoolStaff } from './school-staff';
import { families } from './families';
import { due } from './due';
import { addCareNote, carePlan } from './care-plan';
import { revealContact } from './reveal-contact';

export const visitsRouter = router({
  due,
  carePlan,
  addCareNote,
  createWindow,
  windows,
  setClassTeacher,
  assign,
  assignBulk,
  addSlots,
  addSlotsBulk,
  openSlots,
  familyWindows,
  book,
  bookForFamily,
  cancel,
  cancelByTeacher,
  reschedule,
  mine,
  complete,
  recordOutcome,
  editRecord,
  record,
  calendar,
  followUps,
  completeFollowUp,
  flagPriority,
  progress,
  schoolStaff,
  families,
  revealContact,
});
