import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { ClassTeacherForm } from './class-teacher-form';
import { CreateWindowForm } from './create-window-form';
import { VisitProgress } from './visit-progress';
import { VisitsDue } from './visits-due';
import { seasonLabel, windowDates } from './visit-text';
import { CoordinatorFamilies } from './window-families';
import './visits.scss';

/** One window: its progress and its families (one request for both). */
function WindowDetail({ windowId, orgUnitId }: { windowId: string; orgUnitId: string }) {
  const families = useRemote(remoteKeys.visits.families(windowId), () => trpc.visits.families.query({ windowId }));
  return (
    <View className='visits'>
      <VisitProgress windowId={windowId} />
      <RemoteState state={families.state} reload={families.reload}>
        {(list) => <CoordinatorFamilies windowId={windowId} orgUnitId={orgUnitId} families={list} />}
      </RemoteState>
    </View>
  );
}

/** 本校家访 for a coordinator: the school's windows (one at a time), opening one, and class teachers. */
export function SchoolVisits({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(remoteKeys.visits.windows(orgUnitId), () =>
    trpc.visits.windows.query({ orgUnitId }),
  );
  const [picked, setPicked] = useState<string | null>(null);
  return (
    <View className='visits'>
      <RemoteState state={state} reload={reload}>
        {(windows) => {
          const current = windows.find((w) => w.id === picked) ?? windows[0];
          return (
            <View className='visits'>
              <Text className='visit-card__heading'>本校家访</Text>
              {windows.length === 0 ? <Text className='visits__empty'>还没有开设家访。</Text> : null}
              {windows.length > 0 ? (
                <ChoiceChips
                  options={windows.map((w) => ({ value: w.id, label: w.title }))}
                  value={current.id}
                  onChange={setPicked}
                />
              ) : null}
              {current ? (
                <View className='visit-card'>
                  <Text className='visit-card__line'>
                    {seasonLabel(current.season)} · {windowDates(current)}
                  </Text>
                  <Text className='visit-card__line'>入户家访路程间隔：{current.travelBufferMinutes} 分钟</Text>
                </View>
              ) : null}
              {/* Keyed by the window: its filters and open forms start afresh for another window. */}
              {current ? <WindowDetail key={current.id} windowId={current.id} orgUnitId={orgUnitId} /> : null}
            </View>
          );
        }}
      </RemoteState>
      <VisitsDue orgUnitId={orgUnitId} />
      <CreateWindowForm orgUnitId={orgUnitId} onCreated={setPicked} />
      <ClassTeacherForm orgUnitId={orgUnitId} />
    </View>
  );
}
