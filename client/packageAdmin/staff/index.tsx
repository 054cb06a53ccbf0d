import { PageShell } from '../../components/page-shell';
import { StaffAdmin } from '../../features/admin/staff-admin';

export default function StaffAdminPage() {
  return (
    <PageShell className='desk-page'>
      <StaffAdmin />
    </PageShell>
  );
}
