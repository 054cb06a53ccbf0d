import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../components/nutui';
import { remoteKeys } from '../../lib/remote-keys';
import type { RouterOutputs } from '../../lib/trpc';
import { invalidate } from '../../lib/use-remote';
import { VISIT_ROUTES } from './routes';
import { childrenText, clockRange, groupByDay, modeLabel, visitStatusLabel } from './visit-text';
import './visits.scss';

type CalendarSlot = RouterOutputs['visits']['calendar'][number];

function SlotState({ slot }: { slot: CalendarSlot }) {
  if (!slot.visit) return <Text className='visit-badge visit-badge--muted'>空闲</Text>;
  const tone = slot.visit.status === 'COMPLETED' ? ' visit-badge--ok' : '';
  return <Text className={`visit-badge${tone}`}>{visitStatusLabel(slot.visit.status)}</Text>;
}

function RecordButton({ visit }: { visit: NonNullable<CalendarSlot['visit']> }) {
  const booked = visit.status === 'BOOKED';
  return (
    <Button
      size='small'
      type={booked ? 'primary' : 'default'}
      onClick={() => Taro.navigateTo({ url: VISIT_ROUTES.record(visit.visitId) })}
    >
      {booked ? '填写家访记录' : '查看家访记录'}
    </Button>
  );
}

/** 我的家访日程: my slots by day, the booked families, and the way to each visit's record. */
export function VisitCalendar({ windowId, slots }: { windowId: string; slots: CalendarSlot[] }) {
  const booked = slots.filter((s) => s.visit?.status === 'BOOKED').length;
  const done = slots.filter((s) => s.visit?.status === 'COMPLETED').length;
  return (
    <View className='visits visit-calendar'>
      <View className='visit-card'>
        <Text className='visit-card__heading'>我的家访日程</Text>
        <Text className='visit-card__line'>
          共 {slots.length} 个时段 · 已预约 {booked} · 已完成 {done}
        </Text>
        <View className='visit-card__actions'>
          {/* The calendar and my families in this window (a parent may have booked meanwhile). */}
          <Button size='small' fill='outline' onClick={() => invalidate(remoteKeys.visits.window(windowId))}>
            刷新日程
          </Button>
        </View>
      </View>
      {slots.length === 0 ? (
        <Text className='visits__empty'>还没有发布时段。用上面的表单批量发布后，家长即可预约。</Text>
      ) : null}
      {groupByDay(slots).map((g) => (
        <View key={g.day} className='visit-day' data-day={g.day}>
          <Text className='visit-day__heading'>{g.heading}</Text>
          {g.items.map((s) => (
            <View key={s.slotId} className='visit-slot' data-slot-id={s.slotId}>
              <View className='visit-slot__main'>
                <Text className='visit-slot__time'>
                  {clockRange(s.startsAt, s.endsAt)} <SlotState slot={s} />
                </Text>
                <Text className='visit-slot__line'>{modeLabel(s.mode)}</Text>
                {s.visit ? (
                  <>
                    <Text className='visit-slot__line'>家长：{s.visit.guardians.join('、')}</Text>
                    <Text className='visit-slot__line'>孩子：{childrenText(s.visit.children)}</Text>
                  </>
                ) : null}
              </View>
              {s.visit ? <RecordButton visit={s.visit} /> : null}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
