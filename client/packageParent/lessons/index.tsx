import { PageShell } from '../../components/page-shell';
import { LessonList } from '../../features/lessons/lesson-list';
import './index.scss';

export default function LessonsPage() {
  return (
    <PageShell className='lessons-page'>
      <LessonList />
    </PageShell>
  );
}
