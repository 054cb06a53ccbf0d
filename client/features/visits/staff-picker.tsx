import { Text, View } from '@tarojs/components';
import { ChoiceChips } from '../../components/choice-chips';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { STAFF_ROLE_LABELS } from './visit-text';
import './visits.scss';

export type StaffMember = RouterOutputs['visits']['schoolStaff'][number];

/** One entry per person (a teacher who is also the counsellor is listed once, as 心理健康教师). */
export function uniqueStaff(staff: readonly StaffMember[]): StaffMember[] {
  const byId = new Map<string, StaffMember>();
  for (const s of staff) {
    const seen = byId.get(s.userId);
    if (!seen || (seen.role === 'TEACHER' && s.role === 'COUNSELOR')) byId.set(s.userId, s);
  }
  return [...byId.values()];
}

/** "王老师（班主任）", or "张老师（教师）" when the name does not say the role. */
export function staffLabel(s: StaffMember): string {
  const role = STAFF_ROLE_LABELS[s.role];
  return s.displayName.includes(role) || /（.+）$/.test(s.displayName) ? s.displayName : `${s.displayName}（${role}）`;
}

/** The school's teachers and counsellors (visits.schoolStaff) as chips: one tap picks who visits. */
interface Props {
  orgUnitId: string;
  value: string | null;
  onChange: (userId: string, name: string) => void;
  exclude?: string | null;
}

export function StaffPicker({ orgUnitId, value, onChange, exclude }: Props) {
  const { state, reload } = useRemote(remoteKeys.visits.schoolStaff(orgUnitId), () =>
    trpc.visits.schoolStaff.query({ orgUnitId }),
  );
  return (
    <View className='staff-picker'>
      <RemoteState state={state} reload={reload}>
        {(rows) => {
          const staff = uniqueStaff(rows).filter((s) => s.userId !== exclude);
          if (staff.length === 0) {
            return (
              <Text className='visits__hint'>本校还没有可承担家访的教师（需要本校的教师或心理健康教师角色）。</Text>
            );
          }
          return (
            <ChoiceChips
              options={staff.map((s) => ({ value: s.userId, label: staffLabel(s) }))}
              value={value}
              onChange={(id) => onChange(id, staff.find((s) => s.userId === id)?.displayName ?? '')}
            />
          );
        }}
      </RemoteState>
    </View>
  );
}
