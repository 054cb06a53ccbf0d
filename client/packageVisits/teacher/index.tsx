import { PageShell } from '../../components/page-shell';
import { TeacherVisitsView } from '../../features/visits/teacher-visits-view';
import './index.scss';

export default function TeacherVisitsPage() {
  return (
    <PageShell className='visits-teacher-page'>
      <TeacherVisitsView />
    </PageShell>
  );
}
