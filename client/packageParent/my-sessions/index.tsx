import { PageShell } from '../../components/page-shell';
import { MySessionsView } from '../../features/sessions/my-sessions-view';
import './index.scss';

export default function MySessionsPage() {
  return (
    <PageShell className='my-sessions-page'>
      <MySessionsView />
    </PageShell>
  );
}
