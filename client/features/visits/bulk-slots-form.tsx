import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import { chinaInstant } from '@shared/china-time';
import { VISIT_MODES, addSlotsBulkInput, addSlotsInput, type VisitMode } from '@shared/visits';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { parsedBy, wholeNumberField, wire } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { MODE_CHOICES, modeLabel, parseDays, parseRanges } from './visit-text';
import './visits.scss';
import { VisitNotice } from './visit-notice';

export type StaffWindow = RouterOutputs['visits']['windows'][number];

interface Plan {
  days: string[];
  ranges: { start: string; end: string }[];
  durationMinutes: number;
  mode: VisitMode;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

type PlannedSlot = { startsAt: string; endsAt: string; mode: VisitMode };

/**
 * The slots a plan makes (China time on each day). Home visits keep the window's travel buffer between them
 * (the server refuses home visits closer than that), so each time range holds fewer of them than phone or
 * video visits.
 */
export function planSlots(plan: Plan, bufferMinutes: number): PlannedSlot[] {
  const gap = plan.mode === 'HOME' ? bufferMinutes : 0;
  const out: PlannedSlot[] = [];
  for (const day of plan.days) {
    for (const r of plan.ranges) {
      const end = minutes(r.end);
      for (let t = minutes(r.start); t + plan.durationMinutes <= end; t += plan.durationMinutes + gap) {
        const startsAt = chinaInstant(day, clock(t)).toISOString();
        const endsAt = chinaInstant(day, clock(t + plan.durationMinutes)).toISOString();
        out.push({ startsAt, endsAt, mode: plan.mode });
      }
    }
  }
  return out;
}

/** A field read by `parse` (days or time ranges), or `message(bad)` for the first part it cannot read. */
function listField<T>(parse: (text: string) => { bad: string | null } & T, message: (bad: string) => string) {
  return z.string().transform((text, ctx) => {
    const read = parse(text);
    if (read.bad === null) return read;
    ctx.issues.push({ code: 'custom', message: message(read.bad), input: text });
    return z.NEVER;
  });
}

/** The fields as typed → the plan (visits.addSlotsBulk's input), inside the window's dates, and its slots. */
function planForm(w: StaffWindow) {
  return z
    .object({
      days: listField(parseDays, (bad) => `日期“${bad}”格式不正确，请按 2027-01-20 填写`),
      ranges: listField(parseRanges, (bad) => `时间段“${bad}”格式不正确，请按 09:00-11:00 填写`),
      duration: wholeNumberField,
      mode: z.enum(VISIT_MODES),
    })
    .transform((f, ctx) => {
      const bulk = {
        windowId: w.id,
        days: f.days.days,
        ranges: f.ranges.ranges,
        durationMinutes: f.duration,
        mode: f.mode,
      };
      const plan = parsedBy(addSlotsBulkInput, bulk, ctx);
      if (ctx.issues.length > 0) return z.NEVER;
      const outside = plan.days.find((d) => d < w.startsOn || d > w.endsOn);
      if (outside) {
        const message = `${outside} 不在本次家访的日期（${w.startsOn} 至 ${w.endsOn}）之内`;
        ctx.issues.push({ code: 'custom', message, input: plan });
        return z.NEVER;
      }
      return { plan, slots: planSlots(plan, w.travelBufferMinutes) };
    });
}

/**
 * What 发布 sends. The bulk procedure cuts ranges into back-to-back slots, which home visits with a travel
 * buffer may not be: those go as the planned slots (visits.addSlots).
 */
function publishForm(w: StaffWindow) {
  return planForm(w).transform(({ plan, slots }, ctx) => {
    if (slots.length === 0) {
      const message = '按这些时间段和时长生成不了时段：请加长时间段或缩短每次时长';
      ctx.issues.push({ code: 'custom', message, input: plan });
      return z.NEVER;
    }
    if (plan.mode === 'HOME' && w.travelBufferMinutes > 0) {
      const input = parsedBy(addSlotsInput, { windowId: w.id, slots }, ctx);
      return { procedure: 'addSlots' as const, mode: plan.mode, input };
    }
    return { procedure: 'addSlotsBulk' as const, mode: plan.mode, input: plan };
  });
}

/** 批量发布时段: days × time ranges × duration × mode, inside the window. */
export function BulkSlotsForm({ window: w }: { window: StaffWindow }) {
  const term = w.season === 'TERM';
  const form = useSchemaForm(publishForm(w), {
    days: '',
    ranges: '',
    duration: term ? '30' : '60',
    mode: term ? 'PHONE' : 'HOME',
  });
  const { values, set, setValues, busy, error } = form;
  const [done, setDone] = useState<string | null>(null);

  const preview = (() => {
    if (!values.days.trim() || !values.ranges.trim()) return null;
    const read = planForm(w).safeParse(values);
    return read.success ? read.data.slots.length : null;
  })();

  const submit = () => {
    setDone(null);
    return form.submit(async (request) => {
      const { created } =
        request.procedure === 'addSlots'
          ? await trpc.visits.addSlots.mutate(wire(request.input))
          : await trpc.visits.addSlotsBulk.mutate(request.input);
      setDone(`已发布 ${created} 个${modeLabel(request.mode)}时段`);
      void Taro.showToast({ title: `已发布 ${created} 个时段`, icon: 'success' });
      setValues((v) => ({ ...v, days: '' }));
      invalidate(remoteKeys.visits.calendar(w.id));
    });
  };

  const addDay = (day: string) => setValues((v) => ({ ...v, days: v.days.trim() ? `${v.days.trim()}, ${day}` : day }));
  const buffered = values.mode === 'HOME' && w.travelBufferMinutes > 0;

  return (
    <View className='visit-card bulk-slots-form'>
      <Text className='visit-card__heading'>批量发布家访时段</Text>
      <FormField label='家访日期'>
        <Input
          name='days'
          placeholder='家访日期（如 2027-01-20，多天用逗号分隔）'
          value={values.days}
          onChange={set('days')}
          maxLength={800}
          clearable
        />
        <View className='visit-pickers'>
          <Picker
            mode='date'
            value={w.startsOn}
            start={w.startsOn}
            end={w.endsOn}
            onChange={(e) => addDay(String(e.detail.value))}
          >
            <Text className='visit-pickers__picker'>添加日期</Text>
          </Picker>
        </View>
      </FormField>
      <FormField label='时间段'>
        <Input
          name='ranges'
          placeholder='时间段（如 09:00-11:00，多段用逗号分隔）'
          value={values.ranges}
          onChange={set('ranges')}
          maxLength={100}
          clearable
        />
      </FormField>
      <FormField label='每次家访时长（分钟）'>
        <Input
          name='duration'
          type='number'
          placeholder='每次家访时长（分钟）'
          value={values.duration}
          onChange={set('duration')}
          maxLength={3}
        />
      </FormField>
      <FormField label='家访方式'>
        <ChoiceChips options={MODE_CHOICES} value={values.mode} onChange={set('mode')} />
      </FormField>
      <Text className='visits__hint'>
        {buffered ? `入户家访之间自动留出 ${w.travelBufferMinutes} 分钟路程时间。` : ''}
        与您已发布的时段重叠时不能发布。{preview !== null ? `将生成 ${preview} 个时段。` : ''}
      </Text>
      <FormError message={error} />
      <VisitNotice message={done} />
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={() => void submit()}>
          发布家访时段
        </Button>
      </View>
    </View>
  );
}
