// One lesson: the article (paragraphs) or the video, and 标记为已学习 (recorded once; repeating changes nothing).
import { ReadAloud } from '../../components/read-aloud';
import { Text, Video, View } from '@tarojs/components';
import { useState } from 'react';
import { KnowledgeCheck } from '../knowledge/knowledge-check';
import { FormError } from '../../components/form-field';
import { ErrorState } from '../../components/loading-state';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { useAction } from '../../lib/use-action';
import { formatDateTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { lessonMeta, stagesText } from './lesson-text';
import './lessons.scss';

type Lesson = RouterOutputs['lessons']['get'];

function CompleteButton({ lesson, onDone }: { lesson: Lesson; onDone: (count: number) => void }) {
  const { busy, error, run } = useAction();
  if (lesson.completed) return null;
  const complete = () =>
    run(async () => {
      const res = await trpc.lessons.complete.mutate({ lessonId: lesson.id });
      onDone(res.completedCount);
    });
  return (
    <View className='lesson-detail__actions'>
      <Button block type='primary' loading={busy} onClick={() => void complete()}>
        标记为已学习
      </Button>
      <FormError message={error} />
    </View>
  );
}

export function LessonDetail({ lessonId }: { lessonId: string | undefined }) {
  const remote = useRemote<Lesson | null>(remoteKeys.lessons.get(lessonId), async () =>
    lessonId ? trpc.lessons.get.query({ lessonId }) : null,
  );
  const [completedCount, setCompletedCount] = useState<number | null>(null);
  if (!lessonId) return <ErrorState message='没有指定课程，请从家长课堂进入。' />;
  return (
    <RemoteState state={remote.state} reload={remote.reload}>
      {(lesson) =>
        lesson ? (
          <View className='lesson-detail'>
            <View className='lesson-tags'>
              <Text className='lesson-tag lesson-tag--topic'>{lesson.topicLabel}</Text>
              <Text className='lesson-tag'>{lessonMeta(lesson)}</Text>
            </View>
            <Text className='lesson-detail__title'>{lesson.title}</Text>
            <Text className='lesson-detail__line'>{`适用：${stagesText(lesson.stages)}`}</Text>
            <Text className='lesson-detail__line'>
              {`发布：${lesson.publisherName}${lesson.publishedAt ? ` · ${formatDateTime(lesson.publishedAt)}` : ''}`}
            </Text>
            {lesson.summary ? <Text className='lesson-detail__summary'>{lesson.summary}</Text> : null}
            {lesson.format === 'VIDEO' && lesson.videoUrl ? (
              <Video className='lesson-detail__video' src={lesson.videoUrl} controls />
            ) : null}
            {lesson.body || lesson.summary ? (
              <ReadAloud
                text={[lesson.title, lesson.summary, lesson.body].filter(Boolean).join('。\n')}
                label='朗读课程'
              />
            ) : null}
            {lesson.body ? (
              <View className='lesson-detail__body'>
                {lesson.body
                  .split('\n')
                  .filter((p) => p.trim().length > 0)
                  .map((p, i) => (
                    <Text key={i} className='lesson-detail__paragraph'>
                      {p}
                    </Text>
                  ))}
              </View>
            ) : null}
            {lesson.completed ? (
              <View className='lesson-detail__done' role='status'>
                <Text>{completedCount === null ? '已学习' : `已学习，你已学完 ${completedCount} 节课程`}</Text>
              </View>
            ) : null}
            <KnowledgeCheck
              key={`${lesson.id}|${lesson.completed ? 'AFTER' : 'BEFORE'}`}
              target={{ lessonId: lesson.id }}
              phase={lesson.completed ? 'AFTER' : 'BEFORE'}
            />
            <CompleteButton
              lesson={lesson}
              onDone={(count) => {
                setCompletedCount(count);
                remote.setData({ ...lesson, completed: true });
                // The library marks it 已学习.
                invalidate(remoteKeys.lessons.lists);
              }}
            />
          </View>
        ) : (
          <ErrorState message='没有指定课程，请从家长课堂进入。' />
        )
      }
    </RemoteState>
  );
}
