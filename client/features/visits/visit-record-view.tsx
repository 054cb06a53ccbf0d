import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import {
  PRIORITY_REASONS,
  PRIORITY_REASON_LABELS,
  VISIT_TOPICS,
  VISIT_TOPIC_LABELS,
  VISIT_STATUS_LABELS,
  completeVisitInput,
  editRecordInput,
  visitOutcomeInput,
  type VisitMissedOutcome,
} from '@shared/visits';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime, formatTimeRange } from '../../lib/china-time';
import { optionalTextField, parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { MultiChips } from './multi-chips';
import { VisitNotice } from './visit-notice';
import { FamilyContacts } from '../contacts/family-contacts';
import {
  childrenText,
  dayText,
  modeLabel,
  normalizeDay,
  reasonLabel,
  topicLabel,
  visitStatusLabel,
} from './visit-text';
import './visits.scss';

type VisitRecord = RouterOutputs['visits']['record'];

const TOPIC_CHOICES = VISIT_TOPICS.map((value) => ({ value, label: VISIT_TOPIC_LABELS[value] }));
const REASON_CHOICES = PRIORITY_REASONS.map((value) => ({ value, label: PRIORITY_REASON_LABELS[value] }));

function statusTone(status: string): string {
  if (status === 'COMPLETED') return ' visit-badge--ok';
  if (status === 'NO_SHOW' || status === 'RESCHEDULED_BY_FAMILY') return ' visit-badge--warn';
  return status === 'CANCELLED' ? ' visit-badge--muted' : '';
}

function VisitHeader({ record }: { record: VisitRecord }) {
  return (
    <View className='visit-card'>
      <Text className='visit-card__heading'>
        {modeLabel(record.mode)}
        <Text className={`visit-badge${statusTone(record.status)}`}>{visitStatusLabel(record.status)}</Text>
      </Text>
      <Text className='visit-card__line'>时间：{formatTimeRange(record.startsAt, record.endsAt)}</Text>
      <Text className='visit-card__line'>家长：{record.guardians.join('、')}</Text>
      <Text className='visit-card__line'>孩子：{childrenText(record.children)}</Text>
      {record.address ? (
        <Text className='visit-card__line visit-address' data-masked={record.addressMasked ? 'true' : 'false'}>
          家庭住址：{record.address}
        </Text>
      ) : record.mode === 'HOME' ? (
        <Text className='visit-card__line'>家庭住址：家长没有留住址，请在家访前电话确认</Text>
      ) : null}
    </View>
  );
}

/** The family's numbers: masked; the visiting teacher reveals them (audited) and taps to call. */
function VisitContacts({ record }: { record: VisitRecord }) {
  const mayReveal = record.isVisitor && record.status !== 'CANCELLED';
  return (
    <FamilyContacts
      masked={record.contacts}
      reveal={mayReveal ? () => trpc.visits.revealContact.mutate({ visitId: record.id }) : null}
      refusedHint='完整号码只有负责这次家访的老师可以查看。'
    />
  );
}

/** The completed record (decrypted by the server for the visiting teacher and the school's counsellors). */
function CompletedRecord({ record, onEdit }: { record: VisitRecord; onEdit: () => void }) {
  return (
    <View className='visit-card visit-record'>
      <Text className='visit-card__heading'>家访记录</Text>
      {record.completedAt ? (
        <Text className='visit-card__line'>记录时间：{formatDateTime(record.completedAt)}</Text>
      ) : null}
      {record.edits > 0 && record.lastEditedAt ? (
        <Text className='visit-card__line visit-record__edits'>
          已修改 {record.edits} 次，最近 {formatDateTime(record.lastEditedAt)}
        </Text>
      ) : null}
      <Text className='visit-card__line'>
        家访主题：{record.topics.length ? record.topics.map(topicLabel).join('、') : '未填写'}
      </Text>
      <Text className='visit-card__line'>
        关注事项：{record.concerns.length ? record.concerns.map(reasonLabel).join('、') : '无'}
      </Text>
      <FormField label='家访小结'>
        <Text className='visit-card__text'>{record.summary ?? ''}</Text>
      </FormField>
      {record.notes ? (
        <FormField label='家访记录'>
          <Text className='visit-card__text'>{record.notes}</Text>
        </FormField>
      ) : null}
      {record.address ? (
        <FormField label='家庭住址'>
          <Text className='visit-card__text'>{record.address}</Text>
        </FormField>
      ) : null}
      <FormField label='跟进事项'>
        {record.followUps.length === 0 ? <Text className='visits__hint'>无</Text> : null}
        {record.followUps.map((f) => (
          <View key={f.id} className='visit-follow-up'>
            <Text className='visit-card__text'>{f.action}</Text>
            <Text className='visit-card__line'>
              完成期限：{dayText(f.dueOn)}
              <Text className={`visit-badge${f.done ? ' visit-badge--ok' : ' visit-badge--warn'}`}>
                {f.done ? '已完成' : '待完成'}
              </Text>
            </Text>
          </View>
        ))}
      </FormField>
      <Text className='visits__hint'>
        家访记录与住址加密保存，仅负责家访的教师和本校心理健康教师可以查看，每次查看都会留痕。
      </Text>
      {record.canEdit && record.editableUntil ? (
        <View className='visit-card__actions'>
          <Text className='visits__hint'>
            写错了可以修改，{formatDateTime(record.editableUntil)} 前有效；修改前的记录会加密保留。
          </Text>
          <Button size='small' fill='outline' onClick={onEdit}>
            修改记录
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** The fields a record has, as the record form and its correction both ask for them. */
interface RecordFieldValues {
  topics: (typeof VISIT_TOPICS)[number][];
  concerns: (typeof PRIORITY_REASONS)[number][];
  summary: string;
  notes: string;
  address: string;
}

function RecordFields({
  values,
  set,
  home,
}: {
  values: RecordFieldValues;
  set: { [K in keyof RecordFieldValues]: (value: RecordFieldValues[K]) => void };
  home: boolean;
}) {
  return (
    <>
      <FormField label='家访主题（可多选）'>
        <MultiChips options={TOPIC_CHOICES} value={values.topics} onChange={set.topics} />
      </FormField>
      <FormField label='需重点关注的情况（可多选）'>
        <MultiChips options={REASON_CHOICES} value={values.concerns} onChange={set.concerns} />
      </FormField>
      <FormField label='家访小结（必填）'>
        <Textarea
          className='visit-card__textarea'
          placeholder='家访小结：孩子近况、家长关切、给出的建议'
          value={values.summary}
          maxlength={2000}
          onInput={(e) => set.summary(e.detail.value)}
        />
      </FormField>
      <FormField label='家访记录（选填，加密保存）'>
        <Textarea
          className='visit-card__textarea'
          placeholder='详细记录（仅负责教师与心理健康教师可见）'
          value={values.notes}
          maxlength={5000}
          onInput={(e) => set.notes(e.detail.value)}
        />
      </FormField>
      {home ? (
        <FormField label='家庭住址（选填，加密保存）'>
          <Input
            name='address'
            placeholder='家庭住址（加密保存）'
            value={values.address}
            onChange={set.address}
            maxLength={200}
            clearable
          />
        </FormField>
      ) : null}
    </>
  );
}

/** 修改家访记录 → visits.editRecord's input (follow-ups stay as they were). */
const editForm = (visitId: string) =>
  z
    .object({
      topics: z.array(z.enum(VISIT_TOPICS)),
      concerns: z.array(z.enum(PRIORITY_REASONS)),
      summary: z.string(),
      notes: optionalTextField,
      address: optionalTextField,
    })
    .transform((f, ctx) => parsedBy(editRecordInput, { visitId, ...f }, ctx));

/** The record's fields as they are now, to correct them. */
function EditRecordForm({ record, onDone }: { record: VisitRecord; onDone: () => void }) {
  const form = useSchemaForm(editForm(record.id), () => ({
    topics: record.topics.filter((t): t is (typeof VISIT_TOPICS)[number] =>
      (VISIT_TOPICS as readonly string[]).includes(t),
    ),
    concerns: record.concerns.filter((c): c is (typeof PRIORITY_REASONS)[number] =>
      (PRIORITY_REASONS as readonly string[]).includes(c),
    ),
    summary: record.summary ?? '',
    notes: record.notes ?? '',
    address: record.address ?? '',
  }));
  const { values, set, busy, error } = form;
  const submit = () =>
    form.submit(async (input) => {
      await trpc.visits.editRecord.mutate(input);
      void Taro.showToast({ title: '家访记录已修改', icon: 'success' });
      invalidate(remoteKeys.visits.record(record.id));
      onDone();
    });
  return (
    <View className='visit-card visit-record-edit'>
      <Text className='visit-card__heading'>修改家访记录</Text>
      <RecordFields
        values={values}
        set={{
          topics: set('topics'),
          concerns: set('concerns'),
          summary: set('summary'),
          notes: set('notes'),
          address: set('address'),
        }}
        home={record.mode === 'HOME'}
      />
      <FormError message={error} />
      <View className='visit-card__actions'>
        <Button type='primary' loading={busy} onClick={() => void submit()}>
          保存修改
        </Button>
        <Button fill='outline' onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}

const OUTCOME_HINTS: Record<VisitMissedOutcome, string> = {
  NO_SHOW: '按约定时间家访，没有见到家长或孩子。',
  RESCHEDULED_BY_FAMILY: '家长要求换个时间，家长可以重新预约。',
};

const outcomeForm = (visitId: string) =>
  z.object({ note: optionalTextField }).transform((f, ctx) => ({
    noShow: parsedBy(visitOutcomeInput, { visitId, outcome: 'NO_SHOW', ...f }, ctx),
    rescheduled: parsedBy(visitOutcomeInput, { visitId, outcome: 'RESCHEDULED_BY_FAMILY', ...f }, ctx),
  }));

/** 没有家访成: 未遇到家庭（未到）or 家长要求改期, with a short note. Neither counts as a guidance service. */
function OutcomeForm({ record }: { record: VisitRecord }) {
  const form = useSchemaForm(outcomeForm(record.id), { note: '' });
  const send = (outcome: VisitMissedOutcome) =>
    form.submit(async (inputs) => {
      await trpc.visits.recordOutcome.mutate(outcome === 'NO_SHOW' ? inputs.noShow : inputs.rescheduled);
      void Taro.showToast({ title: '已记录', icon: 'success' });
      invalidate(remoteKeys.visits.all);
    });
  return (
    <View className='visit-card visit-outcome-form'>
      <Text className='visit-card__heading'>没有家访成？</Text>
      <Text className='visits__hint'>
        {OUTCOME_HINTS.NO_SHOW}
        {OUTCOME_HINTS.RESCHEDULED_BY_FAMILY}这两种情况都不计入家庭教育指导服务。
      </Text>
      <FormField label='说明（选填，加密保存）'>
        <Textarea
          className='visit-card__textarea'
          placeholder='说明（如：敲门无人应答）'
          value={form.values.note}
          maxlength={1000}
          onInput={(e) => form.set('note')(e.detail.value)}
        />
      </FormField>
      <FormError message={form.error} />
      <View className='visit-card__actions'>
        <Button fill='outline' loading={form.busy} onClick={() => void send('NO_SHOW')}>
          {VISIT_STATUS_LABELS.NO_SHOW}
        </Button>
        <Button fill='outline' loading={form.busy} onClick={() => void send('RESCHEDULED_BY_FAMILY')}>
          {VISIT_STATUS_LABELS.RESCHEDULED_BY_FAMILY}
        </Button>
      </View>
    </View>
  );
}

/** A visit that did not happen: what the teacher recorded. */
function MissedRecord({ record }: { record: VisitRecord }) {
  return (
    <View className='visit-card visit-record'>
      <Text className='visit-card__heading'>{visitStatusLabel(record.status)}</Text>
      {record.completedAt ? (
        <Text className='visit-card__line'>记录时间：{formatDateTime(record.completedAt)}</Text>
      ) : null}
      {record.notes ? <Text className='visit-card__text'>{record.notes}</Text> : null}
      <Text className='visits__hint'>
        {record.status === 'RESCHEDULED_BY_FAMILY'
          ? '家长可以在“预约家访”中重新预约，您也可以在“我负责的家庭”中代为预约。'
          : '这次没有见到家庭，不计入家庭教育指导服务。'}
      </Text>
    </View>
  );
}

interface FollowUpRow {
  key: number;
  action: string;
  dueOn: string;
}

/** Follow-up rows as typed: the rows with anything in them, each with a due day (its message names the row). */
const followUpRows = z
  .array(z.object({ key: z.number(), action: z.string(), dueOn: z.string() }))
  .transform((rows, ctx) => {
    const items: { action: string; dueOn: string }[] = [];
    for (const [i, r] of rows.filter((row) => row.action.trim() || row.dueOn.trim()).entries()) {
      const dueOn = normalizeDay(r.dueOn);
      if (!dueOn) {
        const message = `请填写第 ${i + 1} 项跟进事项的完成期限（如 2027-01-30）`;
        ctx.issues.push({ code: 'custom', message, input: rows });
        return z.NEVER;
      }
      items.push({ action: r.action, dueOn });
    }
    return items;
  });

/** The 家访记录表 as filled → visits.complete's input. */
const recordForm = (visitId: string) =>
  z
    .object({
      followUps: followUpRows,
      topics: z.array(z.enum(VISIT_TOPICS)),
      concerns: z.array(z.enum(PRIORITY_REASONS)),
      summary: z.string(),
      notes: optionalTextField,
      address: optionalTextField,
    })
    .transform(({ followUps, ...f }, ctx) =>
      parsedBy(completeVisitInput, { visitId, ...f, followUp: followUps.length ? followUps : undefined }, ctx),
    );

type RecordFields = z.input<ReturnType<typeof recordForm>>;
const EMPTY: RecordFields = { followUps: [], topics: [], concerns: [], summary: '', notes: '', address: '' };

/** 家访记录表: topics, concerns, 家访小结 (required), notes, address, follow-ups with due dates. */
function RecordForm({ record }: { record: VisitRecord }) {
  // The address the parent gave when booking is there to check or correct (the visiting teacher sees it).
  const form = useSchemaForm(recordForm(record.id), {
    ...EMPTY,
    address: record.addressMasked ? '' : (record.address ?? ''),
  });
  const { values, set, setValues, busy, error } = form;
  const [nextKey, setNextKey] = useState(1);
  const setRows = (change: (rows: FollowUpRow[]) => FollowUpRow[]) =>
    setValues((v) => ({ ...v, followUps: change(v.followUps) }));
  const setRow = (key: number, patch: Partial<FollowUpRow>) =>
    setRows((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = () =>
    form.submit(async (input) => {
      await trpc.visits.complete.mutate(input);
      void Taro.showToast({ title: '家访记录已保存', icon: 'success' });
      // This record, my calendar and my follow-ups.
      invalidate(remoteKeys.visits.all);
    });

  return (
    <View className='visit-card visit-record-form'>
      <Text className='visit-card__heading'>填写家访记录</Text>
      <RecordFields
        values={values}
        set={{
          topics: set('topics'),
          concerns: set('concerns'),
          summary: set('summary'),
          notes: set('notes'),
          address: set('address'),
        }}
        home={record.mode === 'HOME'}
      />
      <FormField label='跟进事项'>
        {values.followUps.map((r, i) => (
          <View key={r.key} className='visit-follow-up'>
            <Input
              name={`followUp${i + 1}`}
              placeholder={`跟进事项 ${i + 1}`}
              value={r.action}
              onChange={(v) => setRow(r.key, { action: v })}
              maxLength={200}
              clearable
            />
            <Input
              name={`dueOn${i + 1}`}
              placeholder={`完成期限 ${i + 1}（如 2027-01-30）`}
              value={r.dueOn}
              onChange={(v) => setRow(r.key, { dueOn: v })}
              maxLength={12}
              clearable
            />
            <View className='visit-card__actions'>
              <Button
                size='small'
                fill='outline'
                onClick={() => setRows((rows) => rows.filter((x) => x.key !== r.key))}
              >
                {`删除跟进事项 ${i + 1}`}
              </Button>
            </View>
          </View>
        ))}
        {values.followUps.length < 10 ? (
          <View className='visit-card__actions'>
            <Button
              size='small'
              fill='outline'
              onClick={() => {
                setRows((rows) => [...rows, { key: nextKey, action: '', dueOn: '' }]);
                setNextKey((k) => k + 1);
              }}
            >
              添加跟进事项
            </Button>
          </View>
        ) : null}
      </FormField>
      <FormError message={error} />
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={() => void submit()}>
          提交家访记录
        </Button>
      </View>
    </View>
  );
}

/**
 * A visit's record page: the form while booked (and 未遇到家庭 / 家长要求改期 once the slot has begun), the
 * record once completed (its author may correct it for RECORD_EDIT_DAYS).
 */
export function VisitRecordView({ visitId }: { visitId: string }) {
  const { state, reload } = useRemote(remoteKeys.visits.record(visitId), () => trpc.visits.record.query({ visitId }));
  const [editing, setEditing] = useState(false);
  return (
    <RemoteState state={state} reload={reload}>
      {(record) => (
        <View className='visits'>
          <VisitHeader record={record} />
          <VisitContacts record={record} />
          {record.status === 'BOOKED' && !record.begun ? (
            <VisitNotice
              message={`家访时段还没有开始（${formatDateTime(record.startsAt)}）。家访开始后才能填写家访记录。`}
            />
          ) : null}
          {record.status === 'BOOKED' && record.begun ? <RecordForm record={record} /> : null}
          {record.status === 'BOOKED' && record.begun ? <OutcomeForm record={record} /> : null}
          {record.status === 'COMPLETED' && editing && record.canEdit ? (
            <EditRecordForm record={record} onDone={() => setEditing(false)} />
          ) : null}
          {record.status === 'COMPLETED' && !(editing && record.canEdit) ? (
            <CompletedRecord record={record} onEdit={() => setEditing(true)} />
          ) : null}
          {record.status === 'NO_SHOW' || record.status === 'RESCHEDULED_BY_FAMILY' ? (
            <MissedRecord record={record} />
          ) : null}
          {record.status === 'CANCELLED' ? <Text className='visits__empty'>这次家访已取消。</Text> : null}
        </View>
      )}
    </RemoteState>
  );
}
