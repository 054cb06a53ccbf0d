import { PageShell } from '../../components/page-shell';
import { CoordinatorView } from '../../features/visits/coordinator-view';
import './index.scss';

export default function VisitCoordinatorPage() {
  return (
    <PageShell className='visits-coordinator-page'>
      <CoordinatorView />
    </PageShell>
  );
}
