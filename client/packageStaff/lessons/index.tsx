import { PageShell } from '../../components/page-shell';
import { LessonManage } from '../../features/lessons/lesson-manage';
import './index.scss';

export default function StaffLessonsPage() {
  return (
    <PageShell className='staff-lessons-page'>
      <LessonManage />
    </PageShell>
  );
}
