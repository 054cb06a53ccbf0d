import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { z } from 'zod';
import {
  REFERRAL_ACTIONS,
  REFERRAL_ACTION_LABELS,
  addReferralActionInput,
  type ReferralActionKind,
} from '@shared/checklists';
import { GUARDIAN_RELATION_LABELS } from '@shared/enums';
import { gradeLabel } from '@shared/grades';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../lib/china-time';
import { chosen, parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { REFERRAL_STATUS_SHORT, TIER_TONES, tierLabel, type Tone } from './checklist-text';
import { Badge } from './tier-badge';
import { FamilyContacts } from '../contacts/family-contacts';
import './checklists.scss';

type Detail = RouterOutputs['referrals']['get'];

/** What the counsellor records, in the words of the school's work. */
const ACTION_CHOICES: { value: ReferralActionKind; label: string }[] = [
  { value: 'CONTACT_ATTEMPTED', label: '尝试联系（未接通、无人应答）' },
  { value: 'CONTACTED_FAMILY', label: '已联系上家长' },
  { value: 'MET_CHILD', label: '与学生面谈' },
  { value: 'REFERRED_HOSPITAL', label: '转介医院' },
  { value: 'NOTE', label: '备注' },
  { value: 'CLOSED', label: '结案' },
];

function statusTone(status: Detail['status']): Tone {
  if (status === 'OPEN') return 'warn';
  return status === 'CLOSED' ? 'muted' : 'info';
}

/** The referral and the inbox's list both show what changed. */
const referralsChanged = () => invalidate(remoteKeys.referrals.all);

function AcknowledgeBox({ detail }: { detail: Detail }) {
  const { busy, error, run } = useAction();
  if (detail.status !== 'OPEN') return null;
  const acknowledge = () =>
    run(async () => {
      await trpc.referrals.acknowledge.mutate({ referralId: detail.id });
      void Taro.showToast({ title: '已确认接收', icon: 'success' });
      referralsChanged();
    });
  return (
    <View className='cl-card cl-ack'>
      <Text className={`cl-card__text${detail.overdue ? ' cl-line--danger' : ''}`}>
        {detail.overdue ? '已超过确认期限' : '请在此前确认接收'}：{formatDateTime(detail.ackDeadline)}
      </Text>
      <Text className='cl-card__hint'>确认接收表示您已开始跟进，学校负责人不会再收到超时提醒。</Text>
      <FormError message={error} />
      <View className='cl-actions'>
        <Button type='primary' block loading={busy} onClick={() => void acknowledge()}>
          确认接收
        </Button>
      </View>
    </View>
  );
}

const actionForm = (referralId: string) =>
  z
    .object({ action: chosen(z.enum(REFERRAL_ACTIONS), '请选择跟进类型'), note: z.string() })
    .transform((f, ctx) =>
      parsedBy(addReferralActionInput, { referralId, action: f.action, note: f.note.trim() ? f.note : undefined }, ctx),
    );

function AddActionForm({ detail }: { detail: Detail }) {
  const form = useSchemaForm(actionForm(detail.id), { action: null, note: '' });
  const { values, set, busy, error } = form;
  if (detail.status === 'CLOSED') return null;
  const save = () =>
    form.submit(async (input) => {
      if (input.action === 'CLOSED') {
        const { confirm } = await Taro.showModal({
          title: '结案',
          content: '结案后不能再添加跟进记录。确定结案吗？',
          confirmText: '结案',
          cancelText: '取消',
        });
        if (!confirm) return;
      }
      await trpc.referrals.addAction.mutate(input);
      void Taro.showToast({ title: '已记录', icon: 'success' });
      form.reset({ action: null, note: '' });
      referralsChanged();
    });
  return (
    <View className='cl-card cl-add-action'>
      <Text className='cl-card__heading'>添加跟进记录</Text>
      <ChoiceChips options={ACTION_CHOICES} value={values.action} onChange={set('action')} />
      <FormField label={values.action === 'NOTE' ? '备注内容' : '备注（选填）'}>
        <Input
          name='note'
          placeholder='跟进情况（加密保存，家长看不到）'
          value={values.note}
          onChange={set('note')}
          maxLength={2000}
          clearable
        />
      </FormField>
      <FormError message={error} />
      <Button type='primary' block loading={busy} onClick={() => void save()}>
        保存跟进记录
      </Button>
    </View>
  );
}

/** One referral: who, what was answered, the deadline; 确认接收, the action log and adding to it. */
export function ReferralDetail({ referralId }: { referralId: string }) {
  const { state, reload } = useRemote(remoteKeys.referrals.get(referralId), () =>
    trpc.referrals.get.query({ referralId }),
  );
  return (
    <RemoteState state={state} reload={reload}>
      {(d) => (
        <View className='referral-detail'>
          <View className={`cl-tier cl-tier--${TIER_TONES[d.tier]}`} data-tier={d.tier}>
            <Text className='cl-tier__caption'>转介 · {REFERRAL_STATUS_SHORT[d.status]}</Text>
            <Text className='cl-tier__label'>{tierLabel(d.tier)}</Text>
            <Text className='cl-tier__meta'>
              {d.childName} · {gradeLabel(d.childGrade)}
              {d.childClassName ? ` · ${d.childClassName}` : ''} · {d.schoolName}
            </Text>
          </View>
          <View className='cl-card'>
            <View className='cl-row'>
              <Badge text={REFERRAL_STATUS_SHORT[d.status]} tone={statusTone(d.status)} />
              {d.overdue ? <Badge text='已超时' tone='danger' /> : null}
              {d.escalatedAt ? <Badge text='已提醒负责人' tone='muted' /> : null}
            </View>
            <Text className='cl-line'>转介时间：{formatDateTime(d.createdAt)}</Text>
            <Text className='cl-line'>确认期限：{formatDateTime(d.ackDeadline)}</Text>
            {d.acknowledgedAt ? <Text className='cl-line'>确认接收：{formatDateTime(d.acknowledgedAt)}</Text> : null}
            {d.closedAt ? <Text className='cl-line'>结案：{formatDateTime(d.closedAt)}</Text> : null}
            <Text className='cl-line'>
              家长：
              {d.guardians.map((g) => `${g.displayName}（${GUARDIAN_RELATION_LABELS[g.relation]}）`).join('、') || '—'}
            </Text>
          </View>
          <AcknowledgeBox detail={d} />
          {d.responseDeleted ? null : (
            <FamilyContacts
              masked={d.contacts}
              reveal={d.status === 'CLOSED' ? null : () => trpc.referrals.revealContact.mutate({ referralId: d.id })}
              refusedHint='这次转介已结束跟进，不能再查看家庭的完整号码。'
            />
          )}
          <View className='cl-card cl-answers'>
            {d.responseDeleted ? (
              <>
                <Text className='cl-card__heading'>家长已删除原始答卷</Text>
                <Text className='cl-card__hint'>
                  家长删除了这次作答，作答内容和孩子的信息已不再保存；下面只保留您自己的跟进记录。
                </Text>
              </>
            ) : (
              <>
                <Text className='cl-card__heading'>
                  {d.checklistTitle}（第 {d.checklistVersion} 版）
                </Text>
                <Text className='cl-card__hint'>
                  家长填写于 {formatDateTime(d.answeredAt)}。标红的是出现的危险信号。结果只是筛查参考，不是诊断。
                </Text>
              </>
            )}
            {d.answers.map((a, i) => (
              <View key={a.itemId} className={`cl-answer${a.critical && a.answer > 0 ? ' cl-answer--critical' : ''}`}>
                <Text className='cl-answer__text'>
                  {i + 1}. {a.text}
                  {a.critical ? '（危险信号）' : ''}
                </Text>
                <Text className='cl-answer__value'>{a.answerLabel}</Text>
              </View>
            ))}
          </View>
          <View className='cl-card cl-log'>
            <Text className='cl-card__heading'>跟进记录</Text>
            {d.actions.length === 0 ? <Text className='cl-card__hint'>还没有跟进记录。</Text> : null}
            {d.actions.map((a) => (
              <View key={a.id} className='cl-log__item'>
                <Text className='cl-log__action'>{REFERRAL_ACTION_LABELS[a.action]}</Text>
                <Text className='cl-line cl-line--muted'>
                  {formatDateTime(a.at)} · {a.by}
                </Text>
                {a.note ? <Text className='cl-card__text'>{a.note}</Text> : null}
              </View>
            ))}
          </View>
          <AddActionForm detail={d} />
        </View>
      )}
    </RemoteState>
  );
}
