import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { GRADES } from '@shared/grades';
import { VISIT_SEASONS, VISIT_SEASON_LABELS, classTeacherInput, createWindowInput } from '@shared/visits';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { MyUnitView } from '../../components/my-unit-view';
import { RemoteState } from '../../components/remote-state';
import { useAction } from '../../lib/use-action';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { validate } from '../../lib/validate';
import { visitCoordinatorGrants } from './visit-grants';
import { StaffPicker } from './staff-picker';
import { childrenGradeText, gradeLabel, modeLabel, normalizeDay, reasonLabel, seasonLabel, windowDates } from './visit-text';
import { CoordinatorFamilies, type WindowFamily } from './window-families';
import './visits.scss';

type Season = (typeof VISIT_SEASONS)[number];
const SEASON_CHOICES = VISIT_SEASONS.map((value) => ({ value, label: VISIT_SEASON_LABELS[value] }));
const GRADE_CHOICES = GRADES.map((g) => ({ value: g.code as string, label: g.label as string }));
const PRIORITY_STATUS_LABELS = { NOT_BOOKED: '未预约', BOOKED: '已预约', COMPLETED: '已家访' } as const;

/** 开设家访窗口: 寒假家访 / 暑假家访 / 学期中电话家访, dates and the travel buffer between home visits. */
function CreateWindowForm({ orgUnitId, onCreated }: { orgUnitId: string; onCreated: (id: string) => void }) {
  const [season, setSeason] = useState<Season | null>(null);
  const [title, setTitle] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [buffer, setBuffer] = useState('30');
  const { busy, error, setError, run } = useAction();

  const submit = () => {
    if (!season) return setError('请选择家访类型');
    const start = normalizeDay(startsOn);
    if (!start) return setError('请按 2027-01-15 的格式填写开始日期');
    const end = normalizeDay(endsOn);
    if (!end) return setError('请按 2027-02-20 的格式填写结束日期');
    const input = {
      orgUnitId,
      season,
      startsOn: start,
      endsOn: end,
      title: title.trim() || undefined,
      travelBufferMinutes: /^\d+$/.test(buffer.trim()) ? Number(buffer.trim()) : undefined,
    };
    const checked = validate(createWindowInput, input);
    if (!checked.ok) return setError(checked.message);
    return run(async () => {
      const { id } = await trpc.visits.createWindow.mutate(input);
      void Taro.showToast({ title: '已开设家访', icon: 'success' });
      setTitle('');
      setStartsOn('');
      setEndsOn('');
      onCreated(id);
    });
  };

  return (
    <View className='visit-card create-window-form'>
      <Text className='visit-card__heading'>开设寒暑假家访或电话家访</Text>
      <FormField label='家访类型'>
        <ChoiceChips options={SEASON_CHOICES} value={season} onChange={setSeason} />
      </FormField>
      <FormField label='名称（选填）'>
        <Input name='title' placeholder='家访名称（选填，如 2027年寒假家访）' value={title} onChange={setTitle} maxLength={60} clearable />
      </FormField>
      <FormField label='开始日期'>
        <Input name='startsOn' placeholder='开始日期（如 2027-01-15）' value={startsOn} onChange={setStartsOn} maxLength={12} clearable />
      </FormField>
      <FormField label='结束日期'>
        <Input name='endsOn' placeholder='结束日期（如 2027-02-20）' value={endsOn} onChange={setEndsOn} maxLength={12} clearable />
      </FormField>
      <FormField label='入户家访之间的路程间隔（分钟）'>
        <Input name='travelBufferMinutes' type='number' placeholder='路程间隔（分钟，默认 30）' value={buffer} onChange={setBuffer} maxLength={3} />
      </FormField>
      <Text className='visits__hint'>开设后，各班家庭默认由班主任家访。</Text>
      <FormError message={error} />
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={submit}>
          开设家访
        </Button>
      </View>
    </View>
  );
}

/** 设置班主任: who visits a class by default (applies to windows opened afterwards). */
function ClassTeacherForm({ orgUnitId }: { orgUnitId: string }) {
  const [grade, setGrade] = useState<string | null>(null);
  const [className, setClassName] = useState('');
  const [teacher, setTeacher] = useState<{ id: string; name: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const submit = () => {
    setDone(null);
    if (!grade) return setError('请选择年级');
    if (!teacher) return setError('请选择家访教师');
    const input = { orgUnitId, grade, className: className.trim(), teacherId: teacher.id };
    const checked = validate(classTeacherInput, input);
    if (!checked.ok) return setError(checked.message);
    return run(async () => {
      await trpc.visits.setClassTeacher.mutate(input);
      setDone(`已设置 ${input.className} 的家访教师为 ${teacher.name}`);
    });
  };
  return (
    <View className='visit-card class-teacher-form'>
      <Text className='visit-card__heading'>设置班主任（家访教师）</Text>
      <FormField label='年级'>
        <ChoiceChips options={GRADE_CHOICES} value={grade} onChange={setGrade} />
      </FormField>
      <FormField label='班级'>
        <Input name='className' placeholder='班级名称（如 三年级（1）班）' value={className} onChange={setClassName} maxLength={32} clearable />
      </FormField>
      <FormField label='教师'>
        <StaffPicker orgUnitId={orgUnitId} value={teacher?.id ?? null} onChange={(id, name) => setTeacher({ id, name })} />
      </FormField>
      <Text className='visits__hint'>此后开设的家访按班主任分配家庭。</Text>
      <FormError message={error} />
      {done ? (
        <View className='visits__notice' role='status'>
          <Text>{done}</Text>
        </View>
      ) : null}
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={submit}>
          设置家访教师
        </Button>
      </View>
    </View>
  );
}

/** 家访进度: per class visited / total, by mode, and the priority families (unvisited first). */
function ProgressView({ windowId, families, onRefresh }: { windowId: string; families: readonly WindowFamily[] | null; onRefresh: () => void }) {
  const { state, reload } = useRemote(() => trpc.visits.progress.query({ windowId }));
  const byId = new Map((families ?? []).map((f) => [f.familyId, f]));
  /** The family's children and class (and guardians) from visits.families; the short id only while it loads. */
  const familyText = (familyId: string) => {
    const f = byId.get(familyId);
    if (!f) return `家庭 ${familyId.slice(-6)}`;
    const who = f.children.length > 0 ? childrenGradeText(f.children) : `${f.guardians.join('、') || '未登记'}家`;
    return f.guardians.length > 0 && f.children.length > 0 ? `${who}（家长：${f.guardians.join('、')}）` : who;
  };
  return (
    <RemoteState state={state} reload={reload}>
      {(p) => (
        <View className='visits visit-progress'>
          <View className='visit-card'>
            <Text className='visit-card__heading'>家访进度</Text>
            <Text className='visit-progress__total'>
              已家访 {p.total.visited} / {p.total.families} 户
            </Text>
            <Text className='visit-card__line'>已预约待家访 {p.total.booked} 户</Text>
            <Text className='visit-card__line'>
              {modeLabel('HOME')} {p.total.home} 户 · {modeLabel('PHONE')} {p.total.phone} 户 · {modeLabel('VIDEO')} {p.total.video} 户
            </Text>
          </View>
          <View className='visit-card'>
            <Text className='visit-card__heading'>各班进度</Text>
            {p.classes.length === 0 ? <Text className='visits__hint'>学校还没有登记孩子的家庭。</Text> : null}
            {p.classes.map((c) => (
              <View key={`${c.grade}-${c.className ?? ''}`} className='visit-progress__row'>
                <Text>{c.className ?? `${gradeLabel(c.grade)}（未分班）`}</Text>
                <Text>
                  已访 {c.visited} / {c.families} · 已约 {c.booked}
                </Text>
              </View>
            ))}
          </View>
          <View className='visit-card'>
            <Text className='visit-card__heading'>重点关注家庭</Text>
            {p.priority.length === 0 ? <Text className='visits__hint'>暂无标记为重点关注的家庭。</Text> : null}
            {p.priority.map((f) => (
              <View key={f.familyId} className='visit-progress__row'>
                <View className='visit-progress__family'>
                  <Text className='visit-slot__line'>{familyText(f.familyId)}</Text>
                  <Text className='visit-slot__line'>
                    {f.reasons.map(reasonLabel).join('、')}
                    {byId.get(f.familyId)?.teacherName ? ` · 家访教师：${byId.get(f.familyId)!.teacherName}` : ''}
                  </Text>
                </View>
                <Text className={`visit-badge${f.status === 'COMPLETED' ? ' visit-badge--ok' : f.status === 'NOT_BOOKED' ? ' visit-badge--warn' : ''}`}>{PRIORITY_STATUS_LABELS[f.status]}</Text>
              </View>
            ))}
          </View>
          <Button
            size='small'
            fill='outline'
            onClick={() => {
              reload();
              onRefresh();
            }}
          >
            刷新进度
          </Button>
        </View>
      )}
    </RemoteState>
  );
}

/** One window: its progress and its families (loaded once for both). */
function WindowDetail({ windowId, orgUnitId }: { windowId: string; orgUnitId: string }) {
  const families = useRemote(() => trpc.visits.families.query({ windowId }));
  const [progressKey, setProgressKey] = useState(0);
  return (
    <View className='visits'>
      <ProgressView key={progressKey} windowId={windowId} families={families.state.kind === 'ready' ? families.state.data : null} onRefresh={families.reload} />
      <RemoteState state={families.state} reload={families.reload}>
        {(list) => (
          <CoordinatorFamilies
            windowId={windowId}
            orgUnitId={orgUnitId}
            families={list}
            onChanged={() => {
              families.reload();
              setProgressKey((k) => k + 1);
            }}
          />
        )}
      </RemoteState>
    </View>
  );
}

function SchoolPanel({ orgUnitId }: { orgUnitId: string }) {
  const { state, reload } = useRemote(() => trpc.visits.windows.query({ orgUnitId }));
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
              {windows.length > 0 ? <ChoiceChips options={windows.map((w) => ({ value: w.id, label: w.title }))} value={current.id} onChange={setPicked} /> : null}
              {current ? (
                <View className='visit-card'>
                  <Text className='visit-card__line'>
                    {seasonLabel(current.season)} · {windowDates(current)}
                  </Text>
                  <Text className='visit-card__line'>入户家访路程间隔：{current.travelBufferMinutes} 分钟</Text>
                </View>
              ) : null}
              {current ? <WindowDetail key={current.id} windowId={current.id} orgUnitId={orgUnitId} /> : null}
            </View>
          );
        }}
      </RemoteState>
      <CreateWindowForm
        orgUnitId={orgUnitId}
        onCreated={(id) => {
          setPicked(id);
          reload();
        }}
      />
      <ClassTeacherForm orgUnitId={orgUnitId} />
    </View>
  );
}

function UnitChildren({ parentId, onChoose }: { parentId: string; onChoose: (unit: { id: string; name: string; kind: string }) => void }) {
  const { state, reload } = useRemote(() => trpc.orgUnits.children.query({ parentId }));
  return (
    <RemoteState state={state} reload={reload}>
      {(units) => (
        <ChoiceChips
          options={units.filter((u) => u.kind !== 'COMMUNITY_SITE').map((u) => ({ value: u.id, label: u.name }))}
          value={null}
          onChange={(id) => onChoose(units.find((u) => u.id === id)!)}
        />
      )}
    </RemoteState>
  );
}

/** Admins above school level pick a school by walking down the org units. */
function SchoolPicker({ rootId, rootName, onPick }: { rootId: string; rootName: string; onPick: (school: { id: string; name: string }) => void }) {
  const [path, setPath] = useState<{ id: string; name: string }[]>([{ id: rootId, name: rootName }]);
  const here = path[path.length - 1];
  return (
    <View className='visit-card school-picker'>
      <Text className='visit-card__heading'>选择学校</Text>
      <Text className='visit-card__line'>{path.map((p) => p.name).join(' / ')}</Text>
      {path.length > 1 ? (
        <Button size='small' fill='outline' onClick={() => setPath((p) => p.slice(0, -1))}>
          返回上一级
        </Button>
      ) : null}
      <UnitChildren
        key={here.id}
        parentId={here.id}
        onChoose={(unit) => {
          if (unit.kind === 'SCHOOL') onPick({ id: unit.id, name: unit.name });
          else setPath((p) => [...p, { id: unit.id, name: unit.name }]);
        }}
      />
    </View>
  );
}

function GrantPanel({ orgUnitId, orgUnitName }: { orgUnitId: string; orgUnitName: string }) {
  // A unit without children is a school (or a site, where createWindow explains itself).
  const { state, reload } = useRemote(() => trpc.orgUnits.children.query({ parentId: orgUnitId }));
  const [school, setSchool] = useState<{ id: string; name: string } | null>(null);
  return (
    <RemoteState state={state} reload={reload}>
      {(children) => {
        if (children.length === 0) return <SchoolPanel orgUnitId={orgUnitId} />;
        return (
          <View className='visits'>
            {school ? (
              <View className='visit-card'>
                <Text className='visit-card__line'>当前学校：{school.name}</Text>
                <Button size='small' fill='outline' onClick={() => setSchool(null)}>
                  更换学校
                </Button>
              </View>
            ) : (
              <SchoolPicker key={orgUnitId} rootId={orgUnitId} rootName={orgUnitName} onPick={setSchool} />
            )}
            {school ? <SchoolPanel key={school.id} orgUnitId={school.id} /> : null}
          </View>
        );
      }}
    </RemoteState>
  );
}

/** 家访安排与进度 for coordinators and admins. */
export function CoordinatorView() {
  return (
    <MyUnitView unitsOf={visitCoordinatorGrants} emptyText='只有家长学校负责人或管理员可以安排家访。' className='visits'>
      {(grant) => <GrantPanel orgUnitId={grant.orgUnitId} orgUnitName={grant.orgUnitName} />}
    </MyUnitView>
  );
}
