import { PageShell } from '../../components/page-shell';
import { InvitePosters } from '../../features/invites/invite-posters';
import './index.scss';

export default function InvitePostersPage() {
  return (
    <PageShell className='invite-posters-page'>
      <InvitePosters />
    </PageShell>
  );
}
