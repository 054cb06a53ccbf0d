import { Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { SESSION_KINDS, SESSION_KIND_LABELS, SESSION_MODES, SESSION_MODE_LABELS } from '@shared/sessions';
import { SESSION_CAPACITY_MAX } from '@shared/schemas';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { loadMe } from '../../lib/auth-store';
import { wire } from '../../lib/form-fields';
import { inputTextToIso } from '../../lib/china-time';
import { useAction } from '../../lib/use-action';
import { remoteKeys } from '../../lib/remote-keys';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { BRAND_COLOR } from '../../styles/tokens';
import { DateTimeField } from './date-time-field';
import { EMPTY_SESSION_FIELDS, sessionFieldsOf, sessionFormSchema, type SessionRequest } from './session-form-schema';
import { sessionStatusLabel } from './session-text';
import { canManageSessions, sessionGrants } from './staff-units';
import './sessions.scss';

type Detail = RouterOutputs['sessions']['get'];

const KIND_CHOICES = SESSION_KINDS.map((value) => ({ value, label: SESSION_KIND_LABELS[value] }));
const MODE_CHOICES = SESSION_MODES.map((value) => ({ value, label: SESSION_MODE_LABELS[value] }));

/** Back to 活动管理, which loads its list again (the change is already sent). */
function goBackToList() {
  invalidate(remoteKeys.sessions.all);
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: ROUTES.staffSessions });
}

interface SwitchRowProps {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (v: boolean) => void;
}

function SwitchRow({ label, checked, disabled, onChange }: SwitchRowProps) {
  return (
    <View className='switch-row'>
      <Text className='switch-row__label'>{label}</Text>
      <Switch
        checked={checked}
        disabled={disabled}
        color={BRAND_COLOR}
        nativeProps={{ 'aria-label': label }}
        onChange={(e) => onChange(Boolean(e.detail.value))}
      />
    </View>
  );
}

/** Sends what the form parsed, to the procedure its mode chose; the toast says what happened. */
async function send(request: SessionRequest): Promise<void> {
  switch (request.procedure) {
    case 'update': {
      const { promoted } = await trpc.sessions.update.mutate(wire(request.input));
      void Taro.showToast({ title: promoted > 0 ? `已保存，递补 ${promoted} 户` : '已保存', icon: 'success' });
      break;
    }
    case 'createCourse': {
      const { sessionIds } = await trpc.sessions.createCourse.mutate(wire(request.input));
      void Taro.showToast({ title: `已创建 ${sessionIds.length} 课`, icon: 'success' });
      break;
    }
    case 'create':
      await trpc.sessions.create.mutate(wire(request.input));
      void Taro.showToast({ title: request.input.draft ? '已保存草稿' : '已发布', icon: 'success' });
      break;
  }
  goBackToList();
}

function Form({
  orgUnitId,
  orgUnitName,
  existing,
}: {
  orgUnitId: string;
  orgUnitName: string;
  existing: Detail | null;
}) {
  const [course, setCourse] = useState(false);
  const schema = sessionFormSchema(existing ? { sessionId: existing.id } : { orgUnitId, course });
  const form = useSchemaForm(schema, () => (existing ? sessionFieldsOf(existing) : EMPTY_SESSION_FIELDS));
  const { values: v, set, busy, error, run } = form;
  const [cancelReason, setCancelReason] = useState('');
  const editing = existing !== null;
  const guidance = v.kind === 'GUIDANCE';

  const publish = () =>
    run(async () => {
      const { notified } = await trpc.sessions.publish.mutate({ sessionId: existing!.id });
      void Taro.showToast({ title: notified > 0 ? `已发布，已通知 ${notified} 位家长` : '已发布', icon: 'none' });
      goBackToList();
    });

  const cancelSession = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消活动',
      content: '取消后将通知所有已报名的家庭，且不能恢复。确定取消吗？',
      confirmText: '取消活动',
      cancelText: '再想想',
    });
    if (!confirm) return;
    await run(async () => {
      const reason = cancelReason.trim() || undefined;
      const { notifiedFamilies } = await trpc.sessions.cancel.mutate({ sessionId: existing!.id, reason });
      void Taro.showToast({ title: `已取消，通知 ${notifiedFamilies} 户`, icon: 'none' });
      goBackToList();
    });
  };

  return (
    <View className='session-form'>
      <Text className='detail-card__hint'>
        主办：{orgUnitName}
        {existing ? ` · ${sessionStatusLabel(existing.status)}` : ''}
      </Text>
      <FormField label='活动类型'>
        {editing ? (
          <Text>{v.kind ? SESSION_KIND_LABELS[v.kind] : ''}</Text>
        ) : (
          <ChoiceChips options={KIND_CHOICES} value={v.kind} onChange={set('kind')} />
        )}
      </FormField>
      <FormField label='活动名称'>
        <Input
          name='title'
          placeholder='请输入活动名称'
          value={v.title}
          onChange={set('title')}
          maxLength={60}
          clearable
        />
      </FormField>
      {editing ? null : <SwitchRow label='系列课程（每周一课）' checked={course} onChange={setCourse} />}
      {course ? (
        <>
          <DateTimeField
            label='第一课开始时间'
            name='firstStartsAt'
            placeholder='第一课开始时间（如 2026-12-05 19:00）'
            value={v.startsAt}
            onChange={set('startsAt')}
          />
          <FormField label='每课时长（分钟）'>
            <Input
              name='durationMinutes'
              type='number'
              placeholder='每课时长（分钟）'
              value={v.durationMinutes}
              onChange={set('durationMinutes')}
              maxLength={3}
            />
          </FormField>
          <FormField label='每周一课，共几周'>
            <Input
              name='weeks'
              type='number'
              placeholder='周数（2–52）'
              value={v.weeks}
              onChange={set('weeks')}
              maxLength={2}
            />
          </FormField>
        </>
      ) : (
        <>
          <DateTimeField
            label='开始时间'
            name='startsAt'
            placeholder='开始时间（如 2026-12-05 19:00）'
            value={v.startsAt}
            onChange={set('startsAt')}
          />
          <DateTimeField
            label='结束时间'
            name='endsAt'
            placeholder='结束时间（如 2026-12-05 20:30）'
            value={v.endsAt}
            onChange={set('endsAt')}
          />
        </>
      )}
      <FormField label='形式'>
        <ChoiceChips options={MODE_CHOICES} value={v.mode} onChange={set('mode')} />
      </FormField>
      <FormField label={v.mode === 'OFFLINE' ? '地点' : '平台或地点（选填）'}>
        <Input
          name='venue'
          placeholder='请输入活动地点'
          value={v.venue}
          onChange={set('venue')}
          maxLength={120}
          clearable
        />
      </FormField>
      {v.mode === 'ONLINE' || v.liveUrl ? (
        <FormField label='直播链接（仅报名家庭可见）'>
          <Input
            name='liveUrl'
            placeholder='https://'
            value={v.liveUrl}
            onChange={set('liveUrl')}
            maxLength={500}
            clearable
          />
        </FormField>
      ) : null}
      <FormField label={`名额（人数上限，按家庭计，1–${SESSION_CAPACITY_MAX} 户）`}>
        <Input
          name='capacity'
          type='number'
          placeholder='请输入名额（户）'
          value={v.capacity}
          onChange={set('capacity')}
          maxLength={6}
        />
      </FormField>
      <SwitchRow
        label={guidance ? '心理健康（指导服务始终计入）' : '计入家庭心理健康指导服务'}
        checked={guidance || v.mentalHealth}
        disabled={guidance}
        onChange={set('mentalHealth')}
      />
      <FormField label='主讲人（选填）'>
        <Input
          name='speaker'
          placeholder='请输入主讲人'
          value={v.speaker}
          onChange={set('speaker')}
          maxLength={60}
          clearable
        />
      </FormField>
      <FormField label='活动介绍（选填）'>
        <Textarea
          className='session-form__textarea'
          placeholder='介绍活动内容、适合的年级与注意事项'
          value={v.description}
          maxlength={2000}
          onInput={(e) => set('description')(e.detail.value)}
        />
      </FormField>
      {editing ? null : <SwitchRow label='保存为草稿（家长暂不可见）' checked={v.draft} onChange={set('draft')} />}
      <FormError message={error} />
      <View className='session-form__actions'>
        <Button type='primary' block loading={busy} onClick={() => void form.submit(send)}>
          {editing ? '保存修改' : v.draft ? '保存草稿' : '发布活动'}
        </Button>
        {existing?.status === 'DRAFT' ? (
          <Button block fill='outline' loading={busy} onClick={publish}>
            发布
          </Button>
        ) : null}
      </View>
      {existing && existing.status !== 'CANCELLED' ? (
        <View className='session-form__actions'>
          <FormField label='取消原因（选填，将通知报名家庭）'>
            <Input
              name='cancelReason'
              placeholder='如：天气原因改期'
              value={cancelReason}
              onChange={setCancelReason}
              maxLength={200}
              clearable
            />
          </FormField>
          <Button block fill='outline' loading={busy} onClick={cancelSession}>
            取消活动
          </Button>
        </View>
      ) : null}
      {existing ? <CopySession session={existing} /> : null}
    </View>
  );
}

/**
 * 复制活动: the same session again (title, kind, mode, place, capacity, lessons) at a time the coordinator
 * picks, saved as a draft and opened for editing.
 */
function CopySession({ session }: { session: Detail }) {
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const { busy, error, setError, run } = useAction();
  const copy = () =>
    run(async () => {
      const from = inputTextToIso(startsAt);
      const to = inputTextToIso(endsAt);
      if (!from || !to) {
        setError('请按“2026-12-05 19:00”填写新的开始和结束时间');
        return;
      }
      const { id } = await trpc.sessions.copy.mutate({ sessionId: session.id, startsAt: from, endsAt: to });
      invalidate(remoteKeys.sessions.all);
      void Taro.showToast({ title: '已复制为草稿', icon: 'none' });
      void Taro.redirectTo({ url: ROUTES.sessionEdit(id) });
    });
  return (
    <View className='session-form__actions' role='group' aria-label='复制活动'>
      <Text className='detail-card__heading'>复制活动</Text>
      <Text className='detail-card__hint'>
        按本场的名称、类型、形式、地点、名额和课程再办一场，选好新时间后存为草稿。
      </Text>
      <DateTimeField
        label='新的开始时间'
        name='copyStartsAt'
        placeholder='如 2026-12-05 19:00'
        value={startsAt}
        onChange={setStartsAt}
      />
      <DateTimeField
        label='新的结束时间'
        name='copyEndsAt'
        placeholder='如 2026-12-05 20:30'
        value={endsAt}
        onChange={setEndsAt}
      />
      <FormError message={error} />
      <Button block fill='outline' loading={busy} onClick={() => void copy()}>
        复制为新草稿
      </Button>
    </View>
  );
}

/** 新建 / 编辑活动 for coordinators: in their own unit (the first COORDINATOR or ADMIN grant). */
export function SessionEditForm({ sessionId }: { sessionId?: string }) {
  const { state, reload } = useRemote(remoteKeys.sessions.edit(sessionId), async () => {
    const me = await loadMe();
    const existing = sessionId ? await trpc.sessions.get.query({ sessionId }) : null;
    return { me, existing };
  });
  return (
    <RemoteState state={state} reload={reload}>
      {({ me, existing }) => {
        const grant = sessionGrants(me).find(canManageSessions);
        if (!grant) return <Text className='session-list__empty'>只有家长学校负责人或管理员可以开设活动。</Text>;
        const unitId = existing?.orgUnitId ?? grant.orgUnitId;
        const unitName = existing?.orgUnitName ?? grant.orgUnitName;
        return <Form key={existing?.id ?? 'new'} orgUnitId={unitId} orgUnitName={unitName} existing={existing} />;
      }}
    </RemoteState>
  );
}
