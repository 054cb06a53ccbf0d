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
import { answerDraft } from './answer-draft';
import { saveAnswerDraft } from './save-answer-draft';
import { discardAnswerDraft } from './discard-answer-draft';

export const checklistsRouter = router({
  list,
  submit,
  answerDraft,
  saveAnswerDraft,
  discardAnswerDraft,
  myResponses,
  getResponse,
  deleteResponse,
  withdrawAndDelete,
  adminList,
  saveDraft,
  publish,
});
