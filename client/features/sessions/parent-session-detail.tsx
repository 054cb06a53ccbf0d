import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { KnowledgeCheck } from '../knowledge/knowledge-check';
import { z } from 'zod';
import { rateSessionInput, registerInput } from '@shared/sessions';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { formatTimeRange } from '../../lib/china-time';
import { parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { SessionTags, StatusBadge } from './session-card';
import { isFull, placeText, registrationLabel, seatsText } from './session-text';
import { askForSubscriptions, prefetchSubscribeTemplates } from './subscribe-messages';
import './sessions.scss';

type Detail = RouterOutputs['sessions']['get'];

const ATTENDEE_CHOICES = [1, 2, 3, 4].map((n) => ({ value: String(n), label: `${n} 人` }));
const RATING_CHOICES = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${'★'.repeat(n)} ${n} 分` }));

function MyStatus({ detail }: { detail: Detail }) {
  const mine = detail.mine;
  if (detail.status === 'CANCELLED') {
    return (
      <View className='my-status'>
        <Text className='my-status__text my-status__text--muted'>
          活动已取消{detail.cancelReason ? `：${detail.cancelReason}` : ''}
        </Text>
      </View>
    );
  }
  if (!mine) return null;
  if (mine.attended) {
    return (
      <View className='my-status'>
        <Text className='my-status__text'>已签到</Text>
      </View>
    );
  }
  if (mine.registration === 'CONFIRMED' || mine.registration === 'WAITLISTED') {
    const waiting = mine.registration === 'WAITLISTED';
    return (
      <View className='my-status'>
        <Text className={`my-status__text${waiting ? ' my-status__text--warn' : ''}`}>
          {registrationLabel(mine.registration)}
        </Text>
        {waiting ? <Text className='detail-card__hint'>有家庭取消报名时，按排队的先后轮到你，并会通知你。</Text> : null}
      </View>
    );
  }
  return null;
}

const registerForm = (sessionId: string) =>
  z
    .object({ attendees: z.string() })
    .transform((f, ctx) => parsedBy(registerInput, { sessionId, attendees: Number(f.attendees) }, ctx));

/** The session, the family's registration and the parent's rating changed: every view of sessions loads again. */
const sessionsChanged = () => invalidate(remoteKeys.sessions.all);

function RegisterBox({ detail }: { detail: Detail }) {
  const form = useSchemaForm(registerForm(detail.id), { attendees: '1' });
  const { busy, error, run } = form;
  // When the box first showed: a session that has ended since then is refused by the server.
  const [shownAt] = useState(Date.now);
  const mine = detail.mine;
  const ended = new Date(detail.endsAt).getTime() < shownAt;
  if (!mine || detail.status !== 'PUBLISHED' || mine.attended) return null;
  const registered = mine.registration === 'CONFIRMED' || mine.registration === 'WAITLISTED';

  // `send` runs straight from the tap (no await before it): WeChat shows the subscribe dialog only then.
  const register = () =>
    form.submit(async (input) => {
      const reportSubscriptions = askForSubscriptions();
      const { status } = await trpc.sessions.register.mutate(input);
      const confirmed = status === 'CONFIRMED';
      void Taro.showToast({ title: confirmed ? '报名成功' : '已排队等候名额', icon: confirmed ? 'success' : 'none' });
      await reportSubscriptions();
      sessionsChanged();
    });

  const cancel = async () => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '取消报名',
      content: '确定取消本场活动的报名吗？名额会让给排队等候的家庭。',
      confirmText: '取消报名',
      cancelText: '再想想',
    });
    if (!confirm) return;
    await run(async () => {
      await trpc.sessions.cancelRegistration.mutate({ sessionId: detail.id });
      void Taro.showToast({ title: '已取消报名', icon: 'none' });
      sessionsChanged();
    });
  };

  if (ended) return null;
  return (
    <View className='detail-card register-box'>
      {registered ? (
        <View className='detail-card__actions'>
          {mine.registration === 'CONFIRMED' ? (
            <Button type='primary' block onClick={() => Taro.navigateTo({ url: ROUTES.checkIn })}>
              现场签到
            </Button>
          ) : null}
          <Button block fill='outline' loading={busy} onClick={cancel}>
            取消报名
          </Button>
        </View>
      ) : (
        <View>
          <FormField label='到场人数（含孩子）'>
            <ChoiceChips options={ATTENDEE_CHOICES} value={form.values.attendees} onChange={form.set('attendees')} />
          </FormField>
          <View className='detail-card__actions'>
            <Button type='primary' block loading={busy} onClick={() => void register()}>
              {isFull(detail) ? '排队等候名额' : '报名'}
            </Button>
          </View>
          {isFull(detail) ? (
            <Text className='detail-card__hint'>名额已满：现在报名就先排队，有家庭取消时按先后轮到你。</Text>
          ) : null}
        </View>
      )}
      <FormError message={error} />
    </View>
  );
}

const ratingForm = (sessionId: string) =>
  z
    .object({ rating: z.string().nullable(), comment: z.string() })
    .transform((f, ctx) =>
      parsedBy(
        rateSessionInput,
        { sessionId, rating: f.rating ? Number(f.rating) : undefined, comment: f.comment },
        ctx,
      ),
    );

function RatingBox({ detail }: { detail: Detail }) {
  const form = useSchemaForm(ratingForm(detail.id), { rating: null, comment: '' });
  const { values, set, busy, error } = form;
  if (!detail.mine?.attended) return null;
  if (detail.mine.rated) {
    return (
      <View className='detail-card'>
        <Text className='detail-card__heading'>活动评价</Text>
        <Text className='detail-card__text'>感谢你的评价！</Text>
      </View>
    );
  }
  const submit = () =>
    form.submit(async (input) => {
      await trpc.sessions.rate.mutate(input);
      void Taro.showToast({ title: '感谢评价', icon: 'success' });
      sessionsChanged();
    });
  return (
    <View className='detail-card rating-box'>
      <Text className='detail-card__heading'>为本次活动打分</Text>
      <ChoiceChips options={RATING_CHOICES} value={values.rating} onChange={set('rating')} />
      <FormField label='评价（选填）'>
        <Input
          name='comment'
          placeholder='说说你的收获或建议'
          value={values.comment}
          onChange={set('comment')}
          maxLength={500}
          clearable
        />
      </FormField>
      <FormError message={error} />
      <Button type='primary' block loading={busy} onClick={() => void submit()}>
        提交评价
      </Button>
    </View>
  );
}

function LiveLink({ url }: { url: string }) {
  return (
    <View className='detail-card'>
      <Text className='detail-card__heading'>直播链接</Text>
      <Text className='detail-card__link' userSelect>
        {url}
      </Text>
      <View className='detail-card__actions'>
        <Button block fill='outline' onClick={() => void Taro.setClipboardData({ data: url })}>
          复制直播链接
        </Button>
      </View>
      <Text className='detail-card__hint'>线上活动签到：请在直播中查看签到码，到“扫码签到”页输入。</Text>
    </View>
  );
}

/** 活动详情: what, when, where; 报名 / 取消报名; the live link once registered; 评价 after attending. */
export function ParentSessionDetail({ sessionId }: { sessionId: string }) {
  const { state, reload } = useRemote(remoteKeys.sessions.get(sessionId), () => trpc.sessions.get.query({ sessionId }));
  useEffect(prefetchSubscribeTemplates, []);

  return (
    <RemoteState state={state} reload={reload}>
      {(detail) => (
        <View className='session-detail'>
          <View className='detail-card'>
            <SessionTags
              kind={detail.kind}
              mentalHealth={detail.mentalHealth}
              extra={detail.courseSeq ? <StatusBadge text={`系列课程第 ${detail.courseSeq} 课`} /> : null}
            />
            <Text className='detail-card__title'>{detail.title}</Text>
            <Text className='detail-card__line'>时间：{formatTimeRange(detail.startsAt, detail.endsAt)}</Text>
            <Text className='detail-card__line'>地点：{placeText(detail)}</Text>
            <Text className='detail-card__line'>主办：{detail.orgUnitName}</Text>
            {detail.speaker ? <Text className='detail-card__line'>主讲：{detail.speaker}</Text> : null}
            <Text className='detail-card__line'>{seatsText(detail)}</Text>
            <MyStatus detail={detail} />
          </View>
          <RegisterBox detail={detail} />
          {detail.liveUrl ? <LiveLink url={detail.liveUrl} /> : null}
          {detail.description ? (
            <View className='detail-card'>
              <Text className='detail-card__heading'>活动介绍</Text>
              <Text className='detail-card__text'>{detail.description}</Text>
            </View>
          ) : null}
          {detail.lessons.length > 0 ? (
            <View className='detail-card'>
              <Text className='detail-card__heading'>相关家长课堂</Text>
              {detail.lessons.map((lesson) => (
                <Text key={lesson.id} className='detail-card__line'>
                  · {lesson.title}
                </Text>
              ))}
            </View>
          ) : null}
          {detail.mentalHealth ? (
            <KnowledgeCheck
              key={`${detail.id}|${detail.mine?.attended ? 'AFTER' : 'BEFORE'}`}
              target={{ sessionId: detail.id }}
              phase={detail.mine?.attended ? 'AFTER' : 'BEFORE'}
            />
          ) : null}
          <RatingBox detail={detail} />
        </View>
      )}
    </RemoteState>
  );
}
