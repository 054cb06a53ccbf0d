import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { ResultView } from '../../features/checklists/result-view';
import './index.scss';

export default function ChecklistResultPage() {
  const { params } = useRouter();
  const responseId = typeof params.responseId === 'string' ? decodeURIComponent(params.responseId) : '';
  return (
    <PageShell className='checklist-result-page'>
      {responseId ? <ResultView responseId={responseId} /> : <ErrorState message='记录不存在或已删除' />}
    </PageShell>
  );
}
