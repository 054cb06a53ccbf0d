// 家长课堂: the lesson library for parents, filtered by stage and topic, newest first, 20 at a time.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { useAction } from '../../lib/use-action';
import { trpc, type RouterInputs, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { LESSON_ROUTES } from './lesson-routes';
import {
  lessonMeta,
  STAGE_FILTERS,
  stagesText,
  TOPIC_FILTERS,
  type StageFilter,
  type TopicFilter,
} from './lesson-text';
import { keyboardPress } from '../../components/pressable';
import './lessons.scss';

type ListInput = NonNullable<RouterInputs['lessons']['list']>;
type Item = RouterOutputs['lessons']['list']['items'][number];
type Page = { items: Item[]; nextCursor: string | null };

function LessonCard({ lesson }: { lesson: Item }) {
  return (
    <View
      className='lesson-card'
      role='link'
      {...keyboardPress()}
      onClick={() => Taro.navigateTo({ url: LESSON_ROUTES.lesson(lesson.id) })}
    >
      <View className='lesson-tags'>
        <Text className='lesson-tag lesson-tag--topic'>{lesson.topicLabel}</Text>
        <Text className='lesson-tag'>{lessonMeta(lesson)}</Text>
        {lesson.completed ? <Text className='lesson-tag lesson-tag--done'>已学习</Text> : null}
      </View>
      <Text className='lesson-card__title'>{lesson.title}</Text>
      {lesson.summary ? <Text className='lesson-card__summary'>{lesson.summary}</Text> : null}
      <Text className='lesson-card__line'>{`适用：${stagesText(lesson.stages)} · ${lesson.publisherName}`}</Text>
    </View>
  );
}

export function LessonList() {
  const [stage, setStage] = useState<StageFilter>('ALL');
  const [topic, setTopic] = useState<TopicFilter>('ALL');
  const query: Omit<ListInput, 'cursor'> = {
    ...(stage === 'ALL' ? {} : { stage }),
    ...(topic === 'ALL' ? {} : { topic }),
  };
  // Another filter keeps the list shown until its own answer arrives.
  const remote = useRemote<Page>(remoteKeys.lessons.list(query), () => trpc.lessons.list.query(query), {
    keepPrevious: true,
  });
  const { busy: loadingMore, error: moreError, run } = useAction();

  const loadMore = async () => {
    const { state, setData } = remote;
    if (state.kind !== 'ready' || !state.data.nextCursor) return;
    const { items, nextCursor: cursor } = state.data;
    await run(async () => {
      const next = await trpc.lessons.list.query({ ...query, cursor });
      setData({ items: [...items, ...next.items], nextCursor: next.nextCursor });
    });
  };

  return (
    <View className='lesson-library'>
      <View className='lesson-filters'>
        <Text className='lesson-filters__label'>学段</Text>
        <ChoiceChips options={STAGE_FILTERS} value={stage} onChange={setStage} />
        <Text className='lesson-filters__label'>主题</Text>
        <ChoiceChips options={TOPIC_FILTERS} value={topic} onChange={setTopic} />
      </View>
      <RemoteState state={remote.state} reload={remote.reload}>
        {(page) => (
          <View className='lesson-list'>
            {page.items.length === 0 ? (
              <Text className='lesson-list__empty'>暂无符合条件的课程，换个学段或主题看看。</Text>
            ) : null}
            {page.items.map((lesson) => (
              <LessonCard key={lesson.id} lesson={lesson} />
            ))}
            {page.nextCursor ? (
              <Button block fill='outline' loading={loadingMore} onClick={() => void loadMore()}>
                加载更多课程
              </Button>
            ) : null}
            <FormError message={moreError} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}
