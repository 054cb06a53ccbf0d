import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { AnswerView } from '../../features/checklists/answer-view';
import './index.scss';

const param = (value: string | undefined) => (typeof value === 'string' ? decodeURIComponent(value) : '');

export default function ChecklistAnswerPage() {
  const { params } = useRouter();
  const checklistId = param(params.checklistId);
  const childId = param(params.childId);
  return (
    <PageShell className='checklist-answer-page'>
      {checklistId && childId ? (
        <AnswerView checklistId={checklistId} childId={childId} />
      ) : (
        <ErrorState message='请从“心理预警清单”页选择孩子和清单' />
      )}
    </PageShell>
  );
}
