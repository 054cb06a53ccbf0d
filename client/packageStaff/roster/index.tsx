import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { RosterView } from '../../features/sessions/roster-view';
import './index.scss';

export default function RosterPage() {
  const { params } = useRouter();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : '';
  return (
    <PageShell className='roster-page'>
      {id ? <RosterView sessionId={id} /> : <ErrorState message='活动不存在' />}
    </PageShell>
  );
}
