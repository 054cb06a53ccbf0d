import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { MyUnitView } from '../../components/my-unit-view';
import { RemoteState } from '../../components/remote-state';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { BulkSlotsForm, type StaffWindow } from './bulk-slots-form';
import { FollowUpList } from './follow-up-list';
import { VisitCalendar } from './visit-calendar';
import { visitorSchools } from './visit-grants';
import { chinaToday, seasonLabel, windowDates } from './visit-text';
import { TeacherFamilies } from './window-families';
import './visits.scss';

/** One window: publish slots in bulk, then my calendar in it. */
function WindowWork({ window: w }: { window: StaffWindow }) {
  const calendar = useRemote(() => trpc.visits.calendar.query({ windowId: w.id }));
  const families = useRemote(() => trpc.visits.families.query({ windowId: w.id }));
  const refresh = () => {
    calendar.reload();
    families.reload();
  };
  return (
    <View className='visits'>
      <View className='visit-card'>
        <Text className='visit-card__heading'>{w.title}</Text>
        <Text className='visit-card__line'>
          {seasonLabel(w.season)} · {windowDates(w)}
        </Text>
        {w.travelBufferMinutes > 0 ? <Text className='visit-card__line'>入户家访路程间隔：{w.travelBufferMinutes} 分钟</Text> : null}
      </View>
      <RemoteState state={families.state} reload={families.reload}>
        {(list) => <TeacherFamilies families={list} slots={calendar.state.kind === 'ready' ? calendar.state.data : []} onChanged={refresh} />}
      </RemoteState>
      <BulkSlotsForm window={w} onCreated={calendar.reload} />
      <RemoteState state={calendar.state} reload={calendar.reload}>
        {(slots) => <VisitCalendar slots={slots} onRefresh={refresh} />}
      </RemoteState>
    </View>
  );
}

function SchoolWindows({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(() => trpc.visits.windows.query({ orgUnitId }));
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <RemoteState state={state} reload={reload}>
      {(windows) => {
        if (windows.length === 0) return <Text className='visits__empty'>学校还没有开设家访。家长学校负责人开设寒暑假家访或电话家访后，可在这里发布时段。</Text>;
        const today = chinaToday();
        const current = windows.find((w) => w.id === picked) ?? windows.find((w) => w.endsOn >= today) ?? windows[0];
        return (
          <View className='visits'>
            <ChoiceChips options={windows.map((w) => ({ value: w.id, label: w.title }))} value={current.id} onChange={setPicked} />
            <WindowWork key={current.id} window={current} />
          </View>
        );
      }}
    </RemoteState>
  );
}

/** 我的家访 for teachers and counsellors: windows of my school, bulk slots, calendar, follow-ups. */
export function TeacherVisitsView() {
  return (
    <MyUnitView unitsOf={visitorSchools} emptyText='只有教师和心理健康教师可以发布家访时段。' className='visits'>
      {(school) => (
        <>
          <FollowUpList />
          <SchoolWindows orgUnitId={school.orgUnitId} />
        </>
      )}
    </MyUnitView>
  );
}
