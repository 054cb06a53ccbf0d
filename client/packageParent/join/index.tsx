import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { JoinFamilyForm } from '../../features/family/join-family-form';
import { inviteCodeFromParams } from '../../features/family/invite-link';
import './index.scss';

export default function JoinFamilyPage() {
  const { params } = useRouter();
  // ?inviteCode=… prefills the code (an invite poster's QR code, a shared link). WeChat's own scanner opens this
  // page for a scanned poster link with the whole link in ?q=…; the code is read out of it.
  return (
    <PageShell className='join-page'>
      <JoinFamilyForm initialInviteCode={inviteCodeFromParams(params)} />
    </PageShell>
  );
}
