import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { z } from 'zod';
import {
  MANUAL_PRIORITY_REASONS,
  SPECIAL_GROUPS,
  SPECIAL_GROUP_LABELS,
  assignBulkInput,
  assignInput,
  bookForFamilyInput,
  flagPriorityInput,
  type SpecialGroup,
} from '@shared/visits';
import { MultiChips } from './multi-chips';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { chosen, parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { useAction } from '../../lib/use-action';
import { StaffPicker } from './staff-picker';
import { keyboardPress } from '../../components/pressable';
import {
  FAMILY_VISIT_STATUS_LABELS,
  PRIORITY_REASON_CHOICES,
  childrenGradeText,
  classText,
  clockRange,
  dayHeading,
  modeLabel,
  reasonLabel,
} from './visit-text';
import './visits.scss';
import { VisitNotice } from './visit-notice';

export type WindowFamily = RouterOutputs['visits']['families'][number];
type CalendarSlot = RouterOutputs['visits']['calendar'][number];
type Filter = 'ALL' | 'PRIORITY' | 'NOT_BOOKED' | 'UNASSIGNED';

const PAGE = 30;

function StatusBadge({ status }: { status: WindowFamily['visitStatus'] }) {
  const tone = status === 'COMPLETED' ? ' visit-badge--ok' : status === 'BOOKED' ? '' : ' visit-badge--warn';
  return <Text className={`visit-badge${tone}`}>{FAMILY_VISIT_STATUS_LABELS[status]}</Text>;
}

/** Guardians, children (grade and class), priority reasons: the lines every family card shows. */
function FamilyLines({ family, showTeacher }: { family: WindowFamily; showTeacher: boolean }) {
  return (
    <View className='visit-family__main'>
      <Text className='visit-slot__line'>
        家长：{family.guardians.length > 0 ? family.guardians.join('、') : '（未登记）'}
      </Text>
      <Text className='visit-slot__line'>
        孩子：{family.children.length > 0 ? childrenGradeText(family.children) : '（未登记）'}
      </Text>
      {showTeacher ? <Text className='visit-slot__line'>家访教师：{family.teacherName ?? '未分配'}</Text> : null}
      {family.specialGroups.length > 0 ? (
        <Text className='visit-slot__line visit-family__priority'>
          特殊群体：{family.specialGroups.map((g) => SPECIAL_GROUP_LABELS[g]).join('、')}
        </Text>
      ) : null}
      {family.priorityReasons.length > 0 ? (
        <Text className='visit-slot__line visit-family__priority'>
          重点关注：{family.priorityReasons.map(reasonLabel).join('、')}
        </Text>
      ) : null}
    </View>
  );
}

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  { value: 'PRIORITY', label: '重点关注' },
  { value: 'NOT_BOOKED', label: '未预约' },
  { value: 'UNASSIGNED', label: '未分配教师' },
];

function applyFilter(families: readonly WindowFamily[], filter: Filter): WindowFamily[] {
  switch (filter) {
    case 'PRIORITY':
      return families.filter((f) => f.priorityReasons.length > 0);
    case 'NOT_BOOKED':
      return families.filter((f) => f.visitStatus === 'NOT_BOOKED');
    case 'UNASSIGNED':
      return families.filter((f) => !f.teacherId);
    default:
      return [...families];
  }
}

/** 改派 → visits.assign's input, and the teacher's name for the notice. */
const reassignForm = (windowId: string, familyId: string) =>
  z
    .object({ teacher: chosen(z.object({ id: z.string(), name: z.string() }), '请选择改派的教师') })
    .transform(({ teacher }, ctx) => ({
      input: parsedBy(assignInput, { windowId, familyId, teacherId: teacher.id }, ctx),
      teacherName: teacher.name,
    }));

interface ReassignProps {
  windowId: string;
  orgUnitId: string;
  family: WindowFamily;
  onDone: (name: string) => void;
  onCancel: () => void;
}

/** 改派: pick another teacher of the school for one family in this window. */
function ReassignForm({ windowId, orgUnitId, family, onDone, onCancel }: ReassignProps) {
  const form = useSchemaForm(reassignForm(windowId, family.familyId), { teacher: null });
  const submit = () =>
    form.submit(async ({ input, teacherName }) => {
      await trpc.visits.assign.mutate(input);
      onDone(teacherName);
    });
  return (
    <View className='visit-family__form reassign-form'>
      <Text className='visits__hint'>改派给本校另一位教师（仅影响本次家访）：</Text>
      <StaffPicker
        orgUnitId={orgUnitId}
        value={form.values.teacher?.id ?? null}
        exclude={family.teacherId}
        onChange={(id, name) => form.set('teacher')({ id, name })}
      />
      <FormError message={form.error} />
      <View className='visit-card__actions'>
        <Button size='small' type='primary' loading={form.busy} onClick={() => void submit()}>
          确认改派
        </Button>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** A tick box (a family, a class, 全选): on the web a checkbox reached with Tab, ticked with Enter or Space. */
function Tick({ checked, label, onChange }: { checked: boolean; label: string; onChange: (checked: boolean) => void }) {
  return (
    <View
      className={`tick${checked ? ' tick--checked' : ''}`}
      role='checkbox'
      aria-checked={checked ? 'true' : 'false'}
      aria-label={label}
      {...keyboardPress()}
      onClick={() => onChange(!checked)}
    >
      <Text className='tick__box'>{checked ? '✓' : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}

/** A family's class in the window's lists: its first child's at the school ("三年级（2）班"). */
function classOf(f: WindowFamily): string {
  return f.children[0] ? classText(f.children[0]) : '未登记孩子';
}

/** The classes of the families, in the order of grades and classes, with their families. */
function byClass(families: readonly WindowFamily[]): { label: string; ids: string[] }[] {
  const groups = new Map<string, { label: string; ids: string[]; sort: string }>();
  for (const f of families) {
    const label = classOf(f);
    const c = f.children[0];
    const g = groups.get(label) ?? { label, ids: [], sort: c ? `${c.grade}|${c.className ?? ''}` : '~' };
    g.ids.push(f.familyId);
    groups.set(label, g);
  }
  return [...groups.values()].sort((a, b) => a.sort.localeCompare(b.sort, 'zh-CN'));
}

/** 批量分配 → visits.assignBulk's input, and the teacher's name for the notice. */
const bulkForm = (windowId: string, familyIds: readonly string[]) =>
  z
    .object({ teacher: chosen(z.object({ id: z.string(), name: z.string() }), '请选择家访教师') })
    .transform(({ teacher }, ctx) => ({
      input: parsedBy(assignBulkInput, { windowId, teacherId: teacher.id, familyIds: [...familyIds] }, ctx),
      teacherName: teacher.name,
    }));

/** 批量分配: the ticked families to one teacher of the school, in one request (all or none). */
function BulkAssign({
  windowId,
  orgUnitId,
  familyIds,
  onDone,
}: {
  windowId: string;
  orgUnitId: string;
  familyIds: readonly string[];
  onDone: (text: string) => void;
}) {
  const form = useSchemaForm(bulkForm(windowId, familyIds), { teacher: null });
  const submit = () =>
    form.submit(async ({ input, teacherName }) => {
      const { assigned } = await trpc.visits.assignBulk.mutate(input);
      onDone(`已将 ${assigned} 户家庭分配给 ${teacherName}`);
    });
  return (
    <View className='bulk-assign bulk-assign-form'>
      <Text className='visit-card__line'>已选 {familyIds.length} 户。分配给：</Text>
      <StaffPicker
        orgUnitId={orgUnitId}
        value={form.values.teacher?.id ?? null}
        onChange={(id, name) => form.set('teacher')({ id, name })}
      />
      <FormError message={form.error} />
      <View className='visit-card__actions'>
        <Button size='small' type='primary' loading={form.busy} onClick={() => void submit()}>
          {`分配所选 ${familyIds.length} 户`}
        </Button>
      </View>
    </View>
  );
}

/** 家庭与分配 for coordinators: every family of the school in this window, who visits it, 改派 and 批量分配. */
interface CoordinatorFamiliesProps {
  windowId: string;
  orgUnitId: string;
  families: readonly WindowFamily[];
}

export function CoordinatorFamilies({ windowId, orgUnitId, families }: CoordinatorFamiliesProps) {
  const [filter, setFilter] = useState<Filter>('ALL');
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<{ familyId: string; form: 'reassign' | 'groups' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ticked, setTicked] = useState<readonly string[]>([]);
  const list = applyFilter(families, filter);
  const assigned = families.filter((f) => f.teacherId).length;
  const classes = byClass(list);
  const all = (ids: readonly string[]) => ids.length > 0 && ids.every((id) => ticked.includes(id));
  const tick = (ids: readonly string[], on: boolean) =>
    setTicked((t) => (on ? [...new Set([...t, ...ids])] : t.filter((id) => !ids.includes(id))));
  return (
    <View className='visit-card window-families'>
      <Text className='visit-card__heading'>家庭与分配</Text>
      <Text className='visit-card__line'>
        共 {families.length} 户 · 已分配教师 {assigned} 户 · 重点关注{' '}
        {families.filter((f) => f.priorityReasons.length > 0).length} 户
      </Text>
      <ChoiceChips
        options={FILTERS}
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setShown(PAGE);
        }}
      />
      <VisitNotice message={notice} />
      {list.length > 0 ? (
        <View className='bulk-assign bulk-assign--select'>
          <Text className='visits__hint'>勾选家庭（或整班全选），一次分配给同一位老师：</Text>
          <Tick
            checked={all(list.map((f) => f.familyId))}
            label={`全选（${list.length} 户）`}
            onChange={(on) =>
              tick(
                list.map((f) => f.familyId),
                on,
              )
            }
          />
          {classes.length > 1 ? (
            <View className='bulk-assign__classes'>
              {classes.map((c) => (
                <Tick
                  key={c.label}
                  checked={all(c.ids)}
                  label={`全选 ${c.label}（${c.ids.length} 户）`}
                  onChange={(on) => tick(c.ids, on)}
                />
              ))}
            </View>
          ) : null}
          {ticked.length > 0 ? (
            <BulkAssign
              windowId={windowId}
              orgUnitId={orgUnitId}
              familyIds={ticked}
              onDone={(text) => {
                setTicked([]);
                setNotice(text);
                invalidate(remoteKeys.visits.window(windowId));
              }}
            />
          ) : null}
        </View>
      ) : null}
      {list.length === 0 ? <Text className='visits__hint'>没有符合条件的家庭。</Text> : null}
      {list.slice(0, shown).map((f) => (
        <View key={f.familyId} className='visit-family' data-family-id={f.familyId}>
          <Tick
            checked={ticked.includes(f.familyId)}
            label={`选择 ${f.guardians[0] ?? '该家庭'} 家（${classOf(f)}）`}
            onChange={(on) => tick([f.familyId], on)}
          />
          <View className='visit-family__head'>
            <FamilyLines family={f} showTeacher />
            <StatusBadge status={f.visitStatus} />
          </View>
          {open?.familyId === f.familyId && open.form === 'groups' ? (
            <SpecialGroupsForm
              family={f}
              onCancel={() => setOpen(null)}
              onDone={(message) => {
                setOpen(null);
                setNotice(message);
                invalidate(remoteKeys.visits.window(windowId));
                invalidate(remoteKeys.visits.due(orgUnitId));
              }}
            />
          ) : open?.familyId === f.familyId ? (
            <ReassignForm
              windowId={windowId}
              orgUnitId={orgUnitId}
              family={f}
              onCancel={() => setOpen(null)}
              onDone={(name) => {
                setOpen(null);
                setNotice(`已将 ${f.guardians[0] ?? '该家庭'} 家改派给 ${name}`);
                // The families here and the window's progress.
                invalidate(remoteKeys.visits.window(windowId));
              }}
            />
          ) : (
            <View className='visit-card__actions'>
              {f.visitStatus === 'COMPLETED' ? null : (
                <Button
                  size='small'
                  fill='outline'
                  onClick={() => {
                    setNotice(null);
                    setOpen({ familyId: f.familyId, form: 'reassign' });
                  }}
                >
                  改派
                </Button>
              )}
              <Button
                size='small'
                fill='outline'
                onClick={() => {
                  setNotice(null);
                  setOpen({ familyId: f.familyId, form: 'groups' });
                }}
              >
                特殊群体
              </Button>
            </View>
          )}
        </View>
      ))}
      {list.length > shown ? (
        <Button size='small' fill='outline' onClick={() => setShown((n) => n + PAGE)}>
          显示更多（还有 {list.length - shown} 户）
        </Button>
      ) : null}
    </View>
  );
}

const GROUP_CHOICES = SPECIAL_GROUPS.map((value) => ({ value, label: SPECIAL_GROUP_LABELS[value] }));

/**
 * 特殊群体 (留守、流动、孤儿…): the household's whole set, saved together. Seen only by the school's
 * coordinators, counsellors and the visiting teacher; each semester's due list follows it.
 */
function SpecialGroupsForm({
  family,
  onDone,
  onCancel,
}: {
  family: WindowFamily;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [groups, setGroups] = useState<SpecialGroup[]>(family.specialGroups);
  const action = useAction();
  const save = () =>
    action.run(async () => {
      await trpc.families.setGroups.mutate({ familyId: family.familyId, groups });
      onDone(groups.length ? `已标记：${groups.map((g) => SPECIAL_GROUP_LABELS[g]).join('、')}` : '已取消特殊群体标记');
    });
  return (
    <View className='visit-family__form special-groups-form'>
      <Text className='visits__hint'>
        特殊群体家庭每学期至少家访一次，会出现在“本学期待家访”中。只有本校负责人、心理健康教师和家访教师看得到。
      </Text>
      <MultiChips options={GROUP_CHOICES} value={groups} onChange={setGroups} />
      <FormError message={action.error} />
      <View className='visit-card__actions'>
        <Button size='small' type='primary' loading={action.busy} onClick={() => void save()}>
          保存
        </Button>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** "1月20日 星期三 09:00–10:00 入户家访". */
function slotLabel(s: CalendarSlot): string {
  return `${dayHeading(s.startsAt)} ${clockRange(s.startsAt, s.endsAt)} ${modeLabel(s.mode)}`;
}

const bookForm = (familyId: string) =>
  z
    .object({ slotId: chosen(z.string(), '请选择一个空闲时段') })
    .transform(({ slotId }, ctx) => parsedBy(bookForFamilyInput, { slotId, familyId }, ctx));

interface BookProps {
  family: WindowFamily;
  openSlots: readonly CalendarSlot[];
  onDone: (text: string) => void;
  onCancel: () => void;
}

/** 代为预约: after a phone call, the teacher books one of their open slots for the family. */
function BookForFamilyForm({ family, openSlots, onDone, onCancel }: BookProps) {
  const form = useSchemaForm(bookForm(family.familyId), { slotId: null });
  const submit = () =>
    form.submit(async (input) => {
      const slot = openSlots.find((s) => s.slotId === input.slotId);
      await trpc.visits.bookForFamily.mutate(input);
      onDone(`已代 ${family.guardians[0] ?? '家长'} 预约 ${slot ? slotLabel(slot) : ''}`);
    });
  return (
    <View className='visit-family__form book-for-family-form'>
      <Text className='visits__hint'>
        电话沟通后代家长预约：选择与家长约定的空闲时段，家长会在“预约家访”中看到这次预约。
      </Text>
      {openSlots.length === 0 ? (
        <Text className='visits__hint'>没有空闲时段。请先在下方发布家访时段。</Text>
      ) : (
        <ChoiceChips
          options={openSlots.map((s) => ({ value: s.slotId, label: slotLabel(s) }))}
          value={form.values.slotId}
          onChange={form.set('slotId')}
        />
      )}
      <FormError message={form.error} />
      <View className='visit-card__actions'>
        {openSlots.length > 0 ? (
          <Button size='small' type='primary' loading={form.busy} onClick={() => void submit()}>
            确认代为预约
          </Button>
        ) : null}
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

const flagForm = (familyId: string) =>
  z
    .object({ reason: chosen(z.enum(MANUAL_PRIORITY_REASONS), '请选择重点关注原因') })
    .transform(({ reason }, ctx) => parsedBy(flagPriorityInput, { familyId, reason }, ctx));

/** 标记重点关注: one reason at a time (a family may carry several). */
function FlagPriorityForm({ family, onDone, onCancel }: Omit<BookProps, 'openSlots'>) {
  const form = useSchemaForm(flagForm(family.familyId), { reason: null });
  const choices = PRIORITY_REASON_CHOICES.filter((c) => !family.priorityReasons.includes(c.value));
  const submit = () =>
    form.submit(async (input) => {
      await trpc.visits.flagPriority.mutate(input);
      onDone(`已标记重点关注：${reasonLabel(input.reason)}`);
    });
  return (
    <View className='visit-family__form flag-priority-form'>
      <Text className='visits__hint'>重点关注的家庭会出现在家长学校负责人的家访进度中，优先安排家访。</Text>
      <ChoiceChips options={choices} value={form.values.reason} onChange={form.set('reason')} />
      <FormError message={form.error} />
      <View className='visit-card__actions'>
        <Button size='small' type='primary' loading={form.busy} onClick={() => void submit()}>
          确认标记
        </Button>
        <Button size='small' fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/**
 * 我负责的家庭 for teachers: the families assigned to me in this window and those booked on my slots, 代为预约
 * and 标记重点关注.
 */
interface TeacherFamiliesProps {
  windowId: string;
  families: readonly WindowFamily[];
  slots: readonly CalendarSlot[];
}

export function TeacherFamilies({ windowId, families, slots }: TeacherFamiliesProps) {
  // `at`: when the form opened; the slots still ahead then are the ones offered.
  const [open, setOpen] = useState<{ familyId: string; form: 'book' | 'flag'; at: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const openSlots = slots.filter((s) => s.visit === null && new Date(s.startsAt).getTime() > (open?.at ?? 0));
  const done = (text: string) => {
    setOpen(null);
    setNotice(text);
    // My families and my calendar in this window.
    invalidate(remoteKeys.visits.window(windowId));
  };
  const show = (familyId: string, form: 'book' | 'flag') => {
    setNotice(null);
    setOpen({ familyId, form, at: Date.now() });
  };
  return (
    <View className='visit-card my-families'>
      <Text className='visit-card__heading'>我负责的家庭</Text>
      <Text className='visit-card__line'>
        共 {families.length} 户 · 未预约 {families.filter((f) => f.visitStatus === 'NOT_BOOKED').length} 户 · 已家访{' '}
        {families.filter((f) => f.visitStatus === 'COMPLETED').length} 户
      </Text>
      <VisitNotice message={notice} />
      {families.length === 0 ? (
        <Text className='visits__hint'>
          本次家访还没有分配给您、也没有预约您时段的家庭。家庭按班主任分配，家长学校负责人也可以改派。
        </Text>
      ) : null}
      {families.slice(0, shown).map((f) => (
        <View key={f.familyId} className='visit-family' data-family-id={f.familyId}>
          <View className='visit-family__head'>
            <FamilyLines family={f} showTeacher={false} />
            <StatusBadge status={f.visitStatus} />
          </View>
          {open?.familyId === f.familyId && open.form === 'book' ? (
            <BookForFamilyForm family={f} openSlots={openSlots} onCancel={() => setOpen(null)} onDone={done} />
          ) : open?.familyId === f.familyId && open.form === 'flag' ? (
            <FlagPriorityForm family={f} onCancel={() => setOpen(null)} onDone={done} />
          ) : (
            <View className='visit-card__actions'>
              {f.visitStatus === 'NOT_BOOKED' || f.visitStatus === 'RESCHEDULED_BY_FAMILY' ? (
                <Button size='small' type='primary' onClick={() => show(f.familyId, 'book')}>
                  代为预约
                </Button>
              ) : null}
              <Button size='small' fill='outline' onClick={() => show(f.familyId, 'flag')}>
                标记重点关注
              </Button>
            </View>
          )}
        </View>
      ))}
      {families.length > shown ? (
        <Button size='small' fill='outline' onClick={() => setShown((n) => n + PAGE)}>
          显示更多（还有 {families.length - shown} 户）
        </Button>
      ) : null}
    </View>
  );
}
