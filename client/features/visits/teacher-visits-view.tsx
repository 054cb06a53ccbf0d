import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { chinaDay } from '@shared/china-time';
import { ChoiceChips } from '../../components/choice-chips';
import { MyUnitView } from '../../components/my-unit-view';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { BulkSlotsForm, type StaffWindow } from './bulk-slots-form';
import { FollowUpList } from './follow-up-list';
import { VisitCalendar } from './visit-calendar';
import { visitorSchools } from './visit-grants';
import { seasonLabel, windowDates } from './visit-text';
import { TeacherFamilies } from './window-families';
import './visits.scss';

/** One window: my families, publishing slots in bulk, then my calendar in it. */
function WindowWork({ window: w }: { window: StaffWindow }) {
  const calendar = useRemote(remoteKeys.visits.calendar(w.id), () => trpc.visits.calendar.query({ windowId: w.id }));
  const families = useRemote(remoteKeys.visits.families(w.id), () => trpc.visits.families.query({ windowId: w.id }));
  const slots = calendar.state.kind === 'ready' ? calendar.state.data : [];
  return (
    <View className='visits'>
      <View className='visit-card'>
        <Text className='visit-card__heading'>{w.title}</Text>
        <Text className='visit-card__line'>
          {seasonLabel(w.season)} · {windowDates(w)}
        </Text>
        {w.travelBufferMinutes > 0 ? (
          <Text className='visit-card__line'>入户家访路程间隔：{w.travelBufferMinutes} 分钟</Text>
        ) : null}
      </View>
      <RemoteState state={families.state} reload={families.reload}>
        {(list) => <TeacherFamilies windowId={w.id} families={list} slots={slots} />}
      </RemoteState>
      <BulkSlotsForm window={w} />
      <RemoteState state={calendar.state} reload={calendar.reload}>
        {(list) => <VisitCalendar windowId={w.id} slots={list} />}
      </RemoteState>
    </View>
  );
}

function SchoolWindows({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(remoteKeys.visits.windows(orgUnitId), () =>
    trpc.visits.windows.query({ orgUnitId }),
  );
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <RemoteState state={state} reload={reload}>
      {(windows) => {
        if (windows.length === 0) {
          return (
            <Text className='visits__empty'>
              学校还没有开设家访。家长学校负责人开设寒暑假家访或电话家访后，可在这里发布时段。
            </Text>
          );
        }
        const today = chinaDay(new Date());
        const current = windows.find((w) => w.id === picked) ?? windows.find((w) => w.endsOn >= today) ?? windows[0];
        return (
          <View className='visits'>
            <ChoiceChips
              options={windows.map((w) => ({ value: w.id, label: w.title }))}
              value={current.id}
              onChange={setPicked}
            />
            {/* Keyed by the window: the bulk form and open family forms belong to one window. */}
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
