import { PageShell } from '../../components/page-shell';
import { ParentVisitsView } from '../../features/visits/parent-visits-view';
import './index.scss';

export default function ParentVisitsPage() {
  return (
    <PageShell className='visits-parent-page'>
      <ParentVisitsView />
    </PageShell>
  );
}
