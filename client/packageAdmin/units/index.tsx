import { PageShell } from '../../components/page-shell';
import { UnitsAdmin } from '../../features/admin/units-admin';

export default function UnitsAdminPage() {
  return (
    <PageShell className='desk-page'>
      <UnitsAdmin />
    </PageShell>
  );
}
