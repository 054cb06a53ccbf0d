import { PageShell } from '../../components/page-shell';
import { FamilyOverview } from '../../features/family/family-overview';
import './index.scss';

export default function MyFamilyPage() {
  return (
    <PageShell className='family-page'>
      <FamilyOverview />
    </PageShell>
  );
}
