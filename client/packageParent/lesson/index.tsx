import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { LessonDetail } from '../../features/lessons/lesson-detail';
import './index.scss';

export default function LessonPage() {
  const { params } = useRouter();
  return (
    <PageShell className='lesson-page'>
      <LessonDetail lessonId={params.id} />
    </PageShell>
  );
}
