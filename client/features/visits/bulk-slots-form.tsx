import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { addSlotsBulkInput, addSlotsInput, type VisitMode } from '@shared/visits';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { useAction } from '../../lib/use-action';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { validate } from '../../lib/validate';
import { MODE_CHOICES, modeLabel, parseDays, parseRanges } from './visit-text';
import './visits.scss';

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

/**
 * The slots a plan makes. Home visits keep the window's travel buffer between them (the server refuses
 * home visits closer than that), so each time range holds fewer of them than phone or video visits.
 */
export function planSlots(plan: Plan, bufferMinutes: number): { startsAt: string; endsAt: string; mode: VisitMode }[] {
  const gap = plan.mode === 'HOME' ? bufferMinutes : 0;
  const out: { startsAt: string; endsAt: string; mode: VisitMode }[] = [];
  for (const day of plan.days) {
    for (const r of plan.ranges) {
      const end = minutes(r.end);
      for (let t = minutes(r.start); t + plan.durationMinutes <= end; t += plan.durationMinutes + gap) {
        out.push({ startsAt: `${day}T${clock(t)}:00+08:00`, endsAt: `${day}T${clock(t + plan.durationMinutes)}:00+08:00`, mode: plan.mode });
      }
    }
  }
  return out;
}

/** 批量发布时段: days × time ranges × duration × mode, inside the window. */
export function BulkSlotsForm({ window: w, onCreated }: { window: StaffWindow; onCreated: (created: number) => void }) {
  const [daysText, setDaysText] = useState('');
  const [rangesText, setRangesText] = useState('');
  const [duration, setDuration] = useState(w.season === 'TERM' ? '30' : '60');
  const [mode, setMode] = useState<VisitMode>(w.season === 'TERM' ? 'PHONE' : 'HOME');
  const { busy, error, setError, run } = useAction();
  const [done, setDone] = useState<string | null>(null);

  const read = (): { ok: true; plan: Plan } | { ok: false; message: string } => {
    const days = parseDays(daysText);
    if (days.bad) return { ok: false, message: `日期“${days.bad}”格式不正确，请按 2027-01-20 填写` };
    const ranges = parseRanges(rangesText);
    if (ranges.bad) return { ok: false, message: `时间段“${ranges.bad}”格式不正确，请按 09:00-11:00 填写` };
    const input = { windowId: w.id, days: days.days, ranges: ranges.ranges, durationMinutes: /^\d+$/.test(duration.trim()) ? Number(duration.trim()) : undefined, mode };
    const checked = validate(addSlotsBulkInput, input);
    if (!checked.ok) return { ok: false, message: checked.message };
    const outside = checked.data.days.find((d) => d < w.startsOn || d > w.endsOn);
    if (outside) return { ok: false, message: `${outside} 不在本次家访的日期（${w.startsOn} 至 ${w.endsOn}）之内` };
    return { ok: true, plan: checked.data };
  };

  const preview = (() => {
    if (!daysText.trim() || !rangesText.trim()) return null;
    const r = read();
    return r.ok ? planSlots(r.plan, w.travelBufferMinutes).length : null;
  })();

  const submit = async () => {
    if (busy) return;
    setError(null);
    setDone(null);
    const r = read();
    if (!r.ok) return setError(r.message);
    const slots = planSlots(r.plan, w.travelBufferMinutes);
    if (slots.length === 0) return setError('按这些时间段和时长生成不了时段：请加长时间段或缩短每次时长');
    await run(async () => {
      let created: number;
      if (r.plan.mode === 'HOME' && w.travelBufferMinutes > 0) {
        // The bulk procedure cuts ranges into back-to-back slots, which home visits may not be: send the slots.
        const input = { windowId: w.id, slots };
        const checked = validate(addSlotsInput, input);
        if (!checked.ok) throw new Error(checked.message);
        ({ created } = await trpc.visits.addSlots.mutate(input));
      } else {
        ({ created } = await trpc.visits.addSlotsBulk.mutate({ windowId: w.id, ...r.plan }));
      }
      setDone(`已发布 ${created} 个${modeLabel(r.plan.mode)}时段`);
      void Taro.showToast({ title: `已发布 ${created} 个时段`, icon: 'success' });
      setDaysText('');
      onCreated(created);
    });
  };

  const addDay = (day: string) => setDaysText((t) => (t.trim() ? `${t.trim()}, ${day}` : day));

  return (
    <View className='visit-card bulk-slots-form'>
      <Text className='visit-card__heading'>批量发布家访时段</Text>
      <FormField label='家访日期'>
        <Input name='days' placeholder='家访日期（如 2027-01-20，多天用逗号分隔）' value={daysText} onChange={setDaysText} maxLength={800} clearable />
        <View className='visit-pickers'>
          <Picker mode='date' value={w.startsOn} start={w.startsOn} end={w.endsOn} onChange={(e) => addDay(String(e.detail.value))}>
            <Text className='visit-pickers__picker'>添加日期</Text>
          </Picker>
        </View>
      </FormField>
      <FormField label='时间段'>
        <Input name='ranges' placeholder='时间段（如 09:00-11:00，多段用逗号分隔）' value={rangesText} onChange={setRangesText} maxLength={100} clearable />
      </FormField>
      <FormField label='每次家访时长（分钟）'>
        <Input name='duration' type='number' placeholder='每次家访时长（分钟）' value={duration} onChange={setDuration} maxLength={3} />
      </FormField>
      <FormField label='家访方式'>
        <ChoiceChips options={MODE_CHOICES} value={mode} onChange={setMode} />
      </FormField>
      <Text className='visits__hint'>
        {mode === 'HOME' && w.travelBufferMinutes > 0 ? `入户家访之间自动留出 ${w.travelBufferMinutes} 分钟路程时间。` : ''}
        与您已发布的时段重叠时不能发布。{preview !== null ? `将生成 ${preview} 个时段。` : ''}
      </Text>
      <FormError message={error} />
      {done ? (
        <View className='visits__notice' role='status'>
          <Text>{done}</Text>
        </View>
      ) : null}
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={submit}>
          发布家访时段
        </Button>
      </View>
    </View>
  );
}
