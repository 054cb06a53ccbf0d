import { PageShell } from '../../components/page-shell';
import { CoverageDashboard } from '../../features/reports/coverage-dashboard';
import './index.scss';

export default function ReportsDashboardPage() {
  return (
    <PageShell className='reports-dashboard-page'>
      <CoverageDashboard />
    </PageShell>
  );
}
