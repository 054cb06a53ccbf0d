import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { ParentSessionDetail } from '../../features/sessions/parent-session-detail';
import './index.scss';

export default function SessionPage() {
  const { params } = useRouter();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : '';
  return (
    <PageShell className='session-page'>
      {id ? <ParentSessionDetail sessionId={id} /> : <ErrorState message='活动不存在' />}
    </PageShell>
  );
}
