import { PageShell } from '../../components/page-shell';
import { HomeView } from '../../features/home/home-view';
import './index.scss';

export default function HomePage() {
  return (
    <PageShell className='home-page' homeLink={false}>
      <HomeView />
    </PageShell>
  );
}
