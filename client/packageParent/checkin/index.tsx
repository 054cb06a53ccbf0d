import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { CheckInForm } from '../../features/sessions/check-in-form';
import './index.scss';

export default function CheckInPage() {
  const { params } = useRouter();
  // ?code=… prefills the check-in code (e.g. from a link in an online session's chat).
  const code = typeof params.code === 'string' ? decodeURIComponent(params.code) : '';
  return (
    <PageShell className='checkin-page'>
      <CheckInForm initialCode={code} />
    </PageShell>
  );
}
