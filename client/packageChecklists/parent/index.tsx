import { PageShell } from '../../components/page-shell';
import { ParentChecklistsView } from '../../features/checklists/parent-checklists-view';
import './index.scss';

export default function ChecklistParentPage() {
  return (
    <PageShell className='checklist-parent-page'>
      <ParentChecklistsView />
    </PageShell>
  );
}
