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
import { StepTabs } from './step-tabs';
import { seasonLabel, windowDates } from './visit-text';
import { CoordinatorFamilies } from './window-families';
import './visits.scss';

type Step = 'SETUP' | 'ASSIGN' | 'PROGRESS';
const STEPS: { value: Step; label: string }[] = [
  { value: 'SETUP', label: '家访时段' },
  { value: 'ASSIGN', label: '分配老师' },
  { value: 'PROGRESS', label: '进度' },
];

/** 分配老师 for one window: class teachers, then the families with one or many reassigned at once. */
function WindowAssign({ windowId, orgUnitId }: { windowId: string; orgUnitId: string }) {
  const families = useRemote(remoteKeys.visits.families(windowId), () => trpc.visits.families.query({ windowId }));
  return (
    <View className='visits'>
      <RemoteState state={families.state} reload={families.reload}>
        {(list) => <CoordinatorFamilies windowId={windowId} orgUnitId={orgUnitId} families={list} />}
      </RemoteState>
      <ClassTeacherForm orgUnitId={orgUnitId} />
    </View>
  );
}

/**
 * 本校家访 for a coordinator, in three steps: 家访时段 (the school's windows, one at a time, and opening one),
 * 分配老师 (families and class teachers of the window picked, and the special-group households due this
 * semester) and 进度 (the window's progress).
 */
export function SchoolVisits({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(remoteKeys.visits.windows(orgUnitId), () =>
    trpc.visits.windows.query({ orgUnitId }),
  );
  const [picked, setPicked] = useState<string | null>(null);
  const [step, setStep] = useState<Step>('SETUP');
  return (
    <View className='visits'>
      <StepTabs steps={STEPS} value={step} onChange={setStep}>
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
                {/* Keyed by the window: its filters, ticks and open forms start afresh for another window. */}
                {current && step === 'ASSIGN' ? (
                  <WindowAssign key={current.id} windowId={current.id} orgUnitId={orgUnitId} />
                ) : null}
                {current && step === 'PROGRESS' ? <VisitProgress key={current.id} windowId={current.id} /> : null}
                {!current && step !== 'SETUP' ? (
                  <Text className='visits__hint'>请先在“家访时段”中开设一次家访。</Text>
                ) : null}
              </View>
            );
          }}
        </RemoteState>
        {step === 'SETUP' ? <CreateWindowForm orgUnitId={orgUnitId} onCreated={setPicked} /> : null}
        {/* 本学期待家访: the households to see to while assigning. */}
        {step === 'ASSIGN' ? <VisitsDue orgUnitId={orgUnitId} /> : null}
      </StepTabs>
    </View>
  );
}
