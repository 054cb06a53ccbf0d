import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { LoginView } from '../../features/auth/login-view';
import './index.scss';

export default function LoginPage() {
  const { params } = useRouter();
  // ?demoParent=N preselects a demo parent (demo mode on the web only).
  const demoParent = Number(params.demoParent) || undefined;
  return (
    <PageShell className='login-page' homeLink={false}>
      <LoginView demoParent={demoParent} />
    </PageShell>
  );
}
