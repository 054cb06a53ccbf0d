import { PageShell } from '../../components/page-shell';
import { ParentSessionList } from '../../features/sessions/parent-session-list';
import './index.scss';

export default function SessionsPage() {
  return (
    <PageShell className='sessions-page'>
      <ParentSessionList />
    </PageShell>
  );
}
