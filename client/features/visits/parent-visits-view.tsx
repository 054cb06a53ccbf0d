import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { FormField } from '../../components/form-field';
import { CONTACT_PURPOSE } from '@shared/contacts';
import { WechatPhoneButton } from '../contacts/contact-mobile';
import { bookVisitInput } from '@shared/visits';
import { RemoteState } from '../../components/remote-state';
import { formatTimeRange } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { clockRange, groupByDay, modeLabel, seasonLabel, visitStatusLabel, windowDates } from './visit-text';
import './visits.scss';
import { VisitNotice } from './visit-notice';

type VisitWindow = RouterOutputs['visits']['familyWindows'][number];
type MyVisit = RouterOutputs['visits']['mine'][number];
type Slot = RouterOutputs['visits']['openSlots'][number];

function StatusBadge({ status }: { status: string }) {
  const tone = status === 'COMPLETED' ? 'ok' : status === 'CANCELLED' ? 'muted' : '';
  return <Text className={`visit-badge${tone ? ` visit-badge--${tone}` : ''}`}>{visitStatusLabel(status)}</Text>;
}

interface MyVisitProps {
  visit: MyVisit;
  rescheduling: boolean;
  onReschedule: (on: boolean) => void;
  onCancelled: () => void;
}

/** The family's visit in this window (booked or done), with 改时间 (reschedule) and 取消. */
function MyVisitCard({ visit, rescheduling, onReschedule, onCancelled }: MyVisitProps) {
  const { busy, error, run } = useAction();
  const cancel = async () => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '取消家访预约',
      content: '取消后老师会收到通知，您可以再约别的时间。确定取消吗？',
      confirmText: '确定取消',
      cancelText: '再想想',
    });
    if (!confirm) return;
    await run(async () => {
      await trpc.visits.cancel.mutate({ visitId: visit.visitId });
      void Taro.showToast({ title: '已取消预约', icon: 'none' });
      // My visits and the window's open slots (the slot is free again).
      invalidate(remoteKeys.visits.all);
      onCancelled();
    });
  };
  return (
    <View className='visit-card my-visit' data-visit-id={visit.visitId}>
      <Text className='visit-card__heading'>
        我的家访
        <StatusBadge status={visit.status} />
      </Text>
      <Text className='visit-card__line'>时间：{formatTimeRange(visit.startsAt, visit.endsAt)}</Text>
      <Text className='visit-card__line'>方式：{modeLabel(visit.mode)}</Text>
      <Text className='visit-card__line'>家访教师：{visit.teacherName}</Text>
      {visit.bookedOnBehalfBy ? <Text className='visit-card__line'>由 {visit.bookedOnBehalfBy} 帮您预约</Text> : null}
      {visit.status === 'BOOKED' ? (
        <>
          <Text className='visits__hint'>
            {visit.mode === 'HOME'
              ? '老师将按预约时间到家中走访，请提前准备好与孩子相关的情况。'
              : '老师将按预约时间与您联系，请保持电话畅通。'}
          </Text>
          <View className='visit-card__actions'>
            <Button size='small' fill='outline' onClick={() => onReschedule(!rescheduling)}>
              {rescheduling ? '不改了' : '改时间'}
            </Button>
            <Button size='small' fill='outline' loading={busy} onClick={cancel}>
              取消预约
            </Button>
          </View>
        </>
      ) : null}
      <FormError message={error} />
    </View>
  );
}

interface OpenSlotsProps {
  window: VisitWindow;
  myVisit: MyVisit | null;
  rescheduling: boolean;
  onDone: (text: string) => void;
}

/** Open slots of one window grouped by day: 预约, or 改约到此时段 while rescheduling. */
function OpenSlots({ window: w, myVisit, rescheduling, onDone }: OpenSlotsProps) {
  const { state, reload } = useRemote(remoteKeys.visits.openSlots(w.id), () =>
    trpc.visits.openSlots.query({ windowId: w.id }),
  );
  const { busyKey: busySlot, error, setError, run } = useAction();
  const booked = myVisit?.status === 'BOOKED';
  const canPick = !myVisit || (booked && rescheduling);
  // A new booking first asks (optionally) how to reach the family: a number, or a home visit's address.
  const [confirming, setConfirming] = useState<Slot | null>(null);
  const [mobile, setMobile] = useState('');
  const [address, setAddress] = useState('');
  /** The number taken from WeChat on this form (already stored as the contact mobile), masked. */
  const [fromWechat, setFromWechat] = useState<string | null>(null);

  const pick = (slot: Slot, extra: { mobile?: string; address?: string } = {}) =>
    run(async () => {
      try {
        if (booked && myVisit) await trpc.visits.reschedule.mutate({ visitId: myVisit.visitId, slotId: slot.slotId });
        else await trpc.visits.book.mutate({ slotId: slot.slotId, ...extra });
      } catch (e) {
        // The slot may have gone to another family meanwhile: show the list as it is now.
        reload();
        throw e;
      }
      const what = `${formatTimeRange(slot.startsAt, slot.endsAt)}（${modeLabel(slot.mode)}）`;
      void Taro.showToast({ title: booked ? '时间已改好' : '预约成功', icon: 'success' });
      // My visits and the open slots (the booked one is gone).
      invalidate(remoteKeys.visits.all);
      setConfirming(null);
      onDone(booked ? `时间已改好：${what}` : `预约成功：${what}`);
    }, slot.slotId);

  const confirm = (slot: Slot) => {
    const parsed = bookVisitInput.safeParse({
      slotId: slot.slotId,
      mobile: slot.mode !== 'HOME' && mobile.trim() ? mobile : undefined,
      address: slot.mode === 'HOME' && address.trim() ? address : undefined,
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '填写的内容有误，请检查');
      return;
    }
    void pick(slot, { mobile: parsed.data.mobile, address: parsed.data.address });
  };

  if (confirming) {
    const home = confirming.mode === 'HOME';
    return (
      <View className='visit-card booking-confirm' data-slot-id={confirming.slotId}>
        <Text className='visit-card__heading'>预约这个时间</Text>
        <Text className='visit-card__line'>
          {formatTimeRange(confirming.startsAt, confirming.endsAt)}（{modeLabel(confirming.mode)}） ·{' '}
          {confirming.teacherName}
        </Text>
        <Text className='visits__hint'>
          {home
            ? '请留下家庭住址，方便老师按时找到您家（可不填，老师会另外和您确认）。'
            : '请留一个老师打给您的手机号（可不填；已在“我的家庭”留过号码的不用再填）。'}
          {CONTACT_PURPOSE}。
        </Text>
        {home ? (
          <FormField label='家庭住址（可不填）'>
            <Input
              name='address'
              placeholder='如 哈尔滨市南岗区学府路 12 号 3 单元 501'
              value={address}
              onChange={setAddress}
              maxLength={200}
              clearable
            />
          </FormField>
        ) : fromWechat ? (
          <Text className='visit-card__line'>联系手机：已留 {fromWechat}</Text>
        ) : (
          <FormField label='联系手机（可不填）'>
            <WechatPhoneButton onSaved={setFromWechat} />
            <Input
              name='mobile'
              type='number'
              placeholder='11 位手机号'
              value={mobile}
              onChange={setMobile}
              maxLength={13}
              clearable
            />
          </FormField>
        )}
        <FormError message={error} />
        <View className='visit-card__actions'>
          <Button type='primary' loading={busySlot === confirming.slotId} onClick={() => confirm(confirming)}>
            确认预约
          </Button>
          <Button fill='outline' onClick={() => setConfirming(null)}>
            换个时间
          </Button>
        </View>
      </View>
    );
  }

  if (myVisit && !canPick) {
    return myVisit.status === 'COMPLETED' ? (
      <Text className='visits__empty'>本次家访已完成，感谢您的配合。</Text>
    ) : (
      <Text className='visits__hint'>想换时间，请点“改时间”，再选一个时间。</Text>
    );
  }
  return (
    <RemoteState state={state} reload={reload}>
      {(slots) => (
        <View className='visits'>
          <Text className='visits__hint'>
            {rescheduling ? '请选一个新的时间：' : '请选一个方便的时间预约（这次家访每个家庭约一个时间）：'}
          </Text>
          <FormError message={error} />
          {slots.length === 0 ? (
            <Text className='visits__empty'>老师还没有安排可以预约的时间，请过几天再来看看。</Text>
          ) : null}
          {groupByDay(slots).map((g) => (
            <View key={g.day} className='visit-day' data-day={g.day}>
              <Text className='visit-day__heading'>{g.heading}</Text>
              {g.items.map((s) => (
                <View key={s.slotId} className='visit-slot' data-slot-id={s.slotId}>
                  <View className='visit-slot__main'>
                    <Text className='visit-slot__time'>{clockRange(s.startsAt, s.endsAt)}</Text>
                    <Text className='visit-slot__line'>
                      {modeLabel(s.mode)} · {s.teacherName}
                    </Text>
                  </View>
                  <Button
                    size='small'
                    type='primary'
                    loading={busySlot === s.slotId}
                    onClick={() => {
                      if (rescheduling) void pick(s);
                      else {
                        setError(null);
                        setConfirming(s);
                      }
                    }}
                  >
                    {rescheduling ? '改到这个时间' : '预约'}
                  </Button>
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </RemoteState>
  );
}

function WindowPanel({ window: w, mine }: { window: VisitWindow; mine: MyVisit[] }) {
  const [rescheduling, setRescheduling] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const inWindow = (status: string) => mine.find((v) => v.windowId === w.id && v.status === status);
  const myVisit = inWindow('BOOKED') ?? inWindow('COMPLETED') ?? null;
  return (
    <View className='visits'>
      <View className='visit-card'>
        <Text className='visit-card__heading'>{w.title}</Text>
        <Text className='visit-card__line'>
          {seasonLabel(w.season)} · {w.schoolName}
        </Text>
        <Text className='visit-card__line'>家访时间：{windowDates(w)}</Text>
      </View>
      <VisitNotice message={notice} />
      {myVisit ? (
        <MyVisitCard
          visit={myVisit}
          rescheduling={rescheduling}
          onReschedule={setRescheduling}
          onCancelled={() => {
            setRescheduling(false);
            setNotice('已取消预约，可以再约别的时间。');
          }}
        />
      ) : null}
      <OpenSlots
        window={w}
        myVisit={myVisit}
        rescheduling={rescheduling}
        onDone={(text) => {
          setRescheduling(false);
          setNotice(text);
        }}
      />
    </View>
  );
}

/**
 * The window the page opens on: the one with the family's booked visit, else the first with slots the family
 * could book, else the first (which then says no slots are published yet).
 */
function firstWindow(windows: VisitWindow[], mine: MyVisit[]): VisitWindow | null {
  return (
    windows.find((w) => mine.some((v) => v.windowId === w.id && v.status === 'BOOKED')) ??
    windows.find((w) => w.openSlots > 0) ??
    windows[0] ??
    null
  );
}

/** 预约家访: the family's schools' open windows, the teacher's open slots by day, and my visits. */
export function ParentVisitsView() {
  const { state, reload } = useRemote(remoteKeys.visits.family, async () => {
    const [windows, mine] = await Promise.all([trpc.visits.familyWindows.query(), trpc.visits.mine.query()]);
    return { windows, mine };
  });
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <RemoteState state={state} reload={reload}>
      {({ windows, mine }) => {
        const current = windows.find((w) => w.id === picked) ?? firstWindow(windows, mine);
        const past = mine.filter((v) => !windows.some((w) => w.id === v.windowId) || v.status === 'CANCELLED');
        return (
          <View className='visits'>
            {windows.length === 0 ? (
              <Text className='visits__empty'>
                孩子的学校目前没有开放的家访安排。寒暑假家访或电话家访开始后，可在这里预约。
              </Text>
            ) : null}
            {windows.length > 1 ? (
              <ChoiceChips
                options={windows.map((w) => ({
                  value: w.id,
                  label: w.openSlots > 0 ? `${w.title}（${w.openSlots} 个时段可约）` : w.title,
                }))}
                value={current?.id ?? null}
                onChange={setPicked}
              />
            ) : null}
            {/* Keyed by the window: rescheduling and the last notice belong to one window. */}
            {current ? <WindowPanel key={current.id} window={current} mine={mine} /> : null}
            {past.length > 0 ? (
              <View className='visit-card'>
                <Text className='visit-card__heading'>家访记录</Text>
                {past.map((v) => (
                  <View key={v.visitId} className='visit-follow-up'>
                    <Text className='visit-card__line'>
                      {v.windowTitle} · {modeLabel(v.mode)}
                      <StatusBadge status={v.status} />
                    </Text>
                    <Text className='visit-card__line'>
                      {formatTimeRange(v.startsAt, v.endsAt)} · {v.teacherName}
                    </Text>
                    {v.bookedOnBehalfBy ? (
                      <Text className='visit-card__line'>由 {v.bookedOnBehalfBy} 帮您预约</Text>
                    ) : null}
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        );
      }}
    </RemoteState>
  );
}
