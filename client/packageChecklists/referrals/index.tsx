import { PageShell } from '../../components/page-shell';
import { ReferralInbox } from '../../features/checklists/referral-inbox';
import './index.scss';

export default function ReferralsPage() {
  return (
    <PageShell className='referrals-page'>
      <ReferralInbox />
    </PageShell>
  );
}
