import { PageShell } from '../../components/page-shell';
import { StaffSessionList } from '../../features/sessions/staff-session-list';
import './index.scss';

export default function StaffSessionsPage() {
  return (
    <PageShell className='staff-sessions-page'>
      <StaffSessionList />
    </PageShell>
  );
}
