import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { JoinFamilyForm } from '../../features/family/join-family-form';
import './index.scss';

export default function JoinFamilyPage() {
  const { params } = useRouter();
  // ?inviteCode=… prefills the code (e.g. from a shared link or QR code).
  const inviteCode = typeof params.inviteCode === 'string' ? decodeURIComponent(params.inviteCode) : '';
  return (
    <PageShell className='join-page'>
      <JoinFamilyForm initialInviteCode={inviteCode} />
    </PageShell>
  );
}
