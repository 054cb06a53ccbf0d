import { PageShell } from '../../components/page-shell';
import { MySessionsView } from '../../features/sessions/my-sessions-view';
import { HouseholdActivity } from '../../features/family/household-activity';
import './index.scss';

export default function MySessionsPage() {
  return (
    <PageShell className='my-sessions-page'>
      <HouseholdActivity />
      <MySessionsView />
    </PageShell>
  );
}
