import { PageShell } from '../../components/page-shell';
import { ChecklistEditor } from '../../features/checklists/checklist-editor';
import './index.scss';

export default function ChecklistEditorPage() {
  return (
    <PageShell className='checklist-editor-page'>
      <ChecklistEditor />
    </PageShell>
  );
}
