import { PageShell } from '../../components/page-shell';
import { RostersAdmin } from '../../features/admin/rosters-admin';

export default function RostersAdminPage() {
  return (
    <PageShell className='desk-page'>
      <RostersAdmin />
    </PageShell>
  );
}
