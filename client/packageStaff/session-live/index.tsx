import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { SessionLiveView } from '../../features/sessions/session-live-view';
import './index.scss';

export default function SessionLivePage() {
  const { params } = useRouter();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : '';
  return (
    <PageShell className='session-live-page'>
      {id ? <SessionLiveView sessionId={id} /> : <ErrorState message='活动不存在' />}
    </PageShell>
  );
}
