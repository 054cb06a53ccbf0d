import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { CheckInForm } from '../../features/sessions/check-in-form';
import { checkInCodeOf } from '@shared/sessions';
import './index.scss';

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export default function CheckInPage() {
  const { params } = useRouter();
  // ?code=… prefills the check-in code (the web build's QR link). WeChat opens the page of a scanned link
  // with the whole link in ?q=…; the code is read out of it.
  const raw = typeof params.code === 'string' ? params.code : typeof params.q === 'string' ? params.q : '';
  const code = raw ? checkInCodeOf(safeDecode(raw)) : '';
  return (
    <PageShell className='checkin-page'>
      <CheckInForm initialCode={code} />
    </PageShell>
  );
}
