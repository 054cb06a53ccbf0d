import { router } from '../../trpc/init';
import { list } from './list';
import { submit } from './submit';
import { myResponses } from './my-responses';
import { getResponse } from './get-response';
import { deleteResponse } from './delete-response';
import { withdrawAndDelete } from './withdraw-and-delete';
import { adminList } from './admin-list';
import { saveDraft } from './save-draft';
import { publish } from './publish';

export const checklistsRouter = router({
  list,
  submit,
  myResponses,
  getResponse,
  deleteResponse,
  withdrawAndDelete,
  adminList,
  saveDraft,
  publish,
});
