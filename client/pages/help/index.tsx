import { PageShell } from '../../components/page-shell';
import { HelpCard } from '../../features/help/help-card';
import './index.scss';

/** 心理危机求助 (main package: opens at once, signed in or not). */
export default function HelpPage() {
  return (
    <PageShell className='help-page' helpLink={false}>
      <HelpCard />
    </PageShell>
  );
}
