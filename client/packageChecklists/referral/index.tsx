import { useRouter } from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { PageShell } from '../../components/page-shell';
import { ReferralDetail } from '../../features/checklists/referral-detail';
import './index.scss';

export default function ReferralPage() {
  const { params } = useRouter();
  const id = typeof params.id === 'string' ? decodeURIComponent(params.id) : '';
  return (
    <PageShell className='referral-page'>
      {id ? <ReferralDetail referralId={id} /> : <ErrorState message='转介不存在或已被家长删除' />}
    </PageShell>
  );
}
