// 课程管理 for the coordinator (and counsellor, admin) of a school or site: the unit's own lessons for the
// parents' library — 新建 / 编辑 (saved as a draft), 发布 / 撤回发布 — with each lesson's completions
// (学完人数, 家庭数; numbers only, no names). lessons.create / update / publish / unpublish / stats.
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '@shared/enums';
import { STAGE_LABELS, type Stage } from '@shared/grades';
import { LESSON_FORMATS, LESSON_FORMAT_LABELS, LESSON_TOPICS, LESSON_TOPIC_LABELS } from '@shared/lessons';
import { createLessonInput, LESSON_STAGES, updateLessonInput } from '@shared/lesson-schemas';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { MyUnitView } from '../../components/my-unit-view';
import { Button, Input } from '../../components/nutui';
import { keyboardPress } from '../../components/pressable';
import { RemoteState } from '../../components/remote-state';
import type { Me } from '../../lib/auth-store';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { lessonEditorGrants } from './lesson-routes';
import './lessons.scss';

type Grant = Me['roles'][number];
type StatRow = RouterOutputs['lessons']['stats']['items'][number];
type Topic = (typeof LESSON_TOPICS)[number];
type Format = (typeof LESSON_FORMATS)[number];

const TOPIC_CHOICES = LESSON_TOPICS.map((value) => ({ value, label: LESSON_TOPIC_LABELS[value] }));
const FORMAT_CHOICES = LESSON_FORMATS.map((value) => ({ value, label: LESSON_FORMAT_LABELS[value] }));

interface Fields {
  title: string;
  summary: string;
  topic: Topic | null;
  stages: Stage[];
  format: Format;
  body: string;
  videoUrl: string;
  durationMinutes: string;
}

const EMPTY: Fields = {
  title: '',
  summary: '',
  topic: null,
  stages: [],
  format: 'ARTICLE',
  body: '',
  videoUrl: '',
  durationMinutes: '',
};

/** The first problem the shared schema finds, in its own words. */
function firstProblem(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? '请检查填写的内容');
}

function StagePicker({ value, onChange }: { value: Stage[]; onChange: (v: Stage[]) => void }) {
  return (
    <View className='choice-chips' role='group' aria-label='适用学段（可多选）'>
      {LESSON_STAGES.map((s) => {
        const on = value.includes(s);
        return (
          <View
            key={s}
            className={`choice-chips__chip${on ? ' choice-chips__chip--selected' : ''}`}
            role='checkbox'
            aria-checked={on ? 'true' : 'false'}
            {...keyboardPress()}
            onClick={() => onChange(on ? value.filter((x) => x !== s) : [...value, s])}
          >
            <Text>{STAGE_LABELS[s]}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** 新建课程, or 编辑 one (`lessonId`): saved as a draft until 发布. */
function LessonForm({
  orgUnitId,
  lessonId,
  initial,
  onDone,
}: {
  orgUnitId: string;
  lessonId: string | null;
  initial: Fields;
  onDone: () => void;
}) {
  const [f, setF] = useState<Fields>(initial);
  const { busy, error, setError, run } = useAction();
  const set =
    <K extends keyof Fields>(key: K) =>
    (v: Fields[K]) =>
      setF((old) => ({ ...old, [key]: v }));
  const save = () =>
    run(async () => {
      const minutes = f.durationMinutes.trim();
      const fields = {
        title: f.title,
        summary: f.summary,
        topic: f.topic ?? undefined,
        stages: f.stages,
        format: f.format,
        body: f.format === 'ARTICLE' ? f.body : null,
        videoUrl: f.format === 'VIDEO' ? f.videoUrl : null,
        durationMinutes: minutes === '' ? null : /^-?\d+$/.test(minutes) ? Number(minutes) : Number.NaN,
      };
      if (!f.topic) {
        setError('请选择课程主题');
        return;
      }
      if (lessonId) {
        const parsed = updateLessonInput.safeParse({ lessonId, ...fields });
        const problem = firstProblem(parsed);
        if (problem || !parsed.success) return setError(problem);
        await trpc.lessons.update.mutate(parsed.data);
      } else {
        const parsed = createLessonInput.safeParse({ orgUnitId, ...fields });
        const problem = firstProblem(parsed);
        if (problem || !parsed.success) return setError(problem);
        await trpc.lessons.create.mutate(parsed.data);
      }
      invalidate(remoteKeys.lessons.lists);
      onDone();
    });
  return (
    <View className='manage-card lesson-form' role='group' aria-label={lessonId ? '编辑课程' : '新建课程'}>
      <Text className='manage-card__heading'>{lessonId ? '编辑课程' : '新建课程（保存为草稿）'}</Text>
      <FormField label='课程标题'>
        <Input
          name='lessonTitle'
          placeholder='如：孩子情绪低落时怎么陪伴'
          value={f.title}
          onChange={set('title')}
          maxLength={60}
        />
      </FormField>
      <FormField label='课程简介（选填）'>
        <Input
          name='lessonSummary'
          placeholder='一两句话说明这节课讲什么'
          value={f.summary}
          onChange={set('summary')}
          maxLength={200}
        />
      </FormField>
      <FormField label='课程主题'>
        <ChoiceChips options={TOPIC_CHOICES} value={f.topic} onChange={set('topic')} />
      </FormField>
      <FormField label='适用学段（可多选）'>
        <StagePicker value={f.stages} onChange={set('stages')} />
      </FormField>
      <FormField label='课程形式'>
        <ChoiceChips options={FORMAT_CHOICES} value={f.format} onChange={set('format')} />
      </FormField>
      {f.format === 'ARTICLE' ? (
        <FormField label='课程正文'>
          <Textarea
            className='lesson-form__body'
            placeholder='正文内容'
            value={f.body}
            maxlength={20000}
            onInput={(e) => set('body')(e.detail.value)}
          />
        </FormField>
      ) : (
        <FormField label='视频地址（https://）'>
          <Input
            name='lessonVideo'
            placeholder='https://'
            value={f.videoUrl}
            onChange={set('videoUrl')}
            maxLength={500}
          />
        </FormField>
      )}
      <FormField label='时长（分钟，选填）'>
        <Input
          name='lessonMinutes'
          type='number'
          placeholder='如 10'
          value={f.durationMinutes}
          onChange={set('durationMinutes')}
          maxLength={4}
        />
      </FormField>
      <FormError message={error} />
      <View className='manage-card__actions'>
        <Button type='primary' loading={busy} onClick={() => void save()}>
          保存
        </Button>
        <Button fill='outline' onClick={onDone}>
          返回
        </Button>
      </View>
    </View>
  );
}

type ClassStats = RouterOutputs['lessons']['classStats'];

/** 按班级查看: per class of the school, households and those that finished the lesson (numbers only). */
function ClassCompletions({ stats }: { stats: ClassStats }) {
  if (stats.classes.length === 0) return <Text className='manage-card__hint'>本校还没有登记班级的学生。</Text>;
  return (
    <View className='lesson-classes' role='list' aria-label={`${stats.title}：各班学完情况`}>
      {stats.classes.map((c) => (
        <View key={`${c.grade}|${c.className}`} className='lesson-classes__row' role='listitem'>
          <Text className='lesson-classes__class'>{c.className}</Text>
          <Text className='lesson-classes__figure'>
            学完 {c.completedFamilies} / {c.families} 户
            {c.families > 0 ? `（${Math.round((c.completedFamilies / c.families) * 100)}%）` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

function UnitLessons({ grant }: { grant: Grant }) {
  const orgUnitId = grant.orgUnitId;
  const { state, reload } = useRemote(remoteKeys.lessons.manage(orgUnitId), () =>
    trpc.lessons.stats.query({ orgUnitId }),
  );
  const [editing, setEditing] = useState<{ lessonId: string | null; initial: Fields } | null>(null);
  const { busyKey, error, run } = useAction();
  const [byClass, setByClass] = useState<{ lessonId: string; stats: ClassStats } | null>(null);

  const showClasses = (row: StatRow) =>
    run(async () => {
      if (byClass?.lessonId === row.lessonId) return setByClass(null);
      const stats = await trpc.lessons.classStats.query({ orgUnitId, lessonId: row.lessonId });
      setByClass({ lessonId: row.lessonId, stats });
    }, `class:${row.lessonId}`);

  const edit = (row: StatRow) =>
    run(async () => {
      const l = await trpc.lessons.get.query({ lessonId: row.lessonId });
      setEditing({
        lessonId: l.id,
        initial: {
          title: l.title,
          summary: l.summary ?? '',
          topic: l.topic as Topic,
          stages: l.stages as Stage[],
          format: l.format,
          body: l.body ?? '',
          videoUrl: l.videoUrl ?? '',
          durationMinutes: l.durationMinutes == null ? '' : String(l.durationMinutes),
        },
      });
    }, `edit:${row.lessonId}`);

  const setPublished = (row: StatRow, published: boolean) =>
    run(async () => {
      if (published) await trpc.lessons.publish.mutate({ lessonId: row.lessonId });
      else await trpc.lessons.unpublish.mutate({ lessonId: row.lessonId });
      invalidate(remoteKeys.lessons.lists);
      reload();
    }, `pub:${row.lessonId}`);

  if (editing)
    return (
      <LessonForm
        orgUnitId={orgUnitId}
        lessonId={editing.lessonId}
        initial={editing.initial}
        onDone={() => {
          setEditing(null);
          reload();
        }}
      />
    );
  return (
    <View className='lesson-manage'>
      <Button type='primary' block onClick={() => setEditing({ lessonId: null, initial: EMPTY })}>
        新建课程
      </Button>
      <FormError message={error} />
      <RemoteState state={state} reload={reload}>
        {({ items }) => (
          <View className='lesson-manage__list'>
            <Text className='manage-card__hint'>
              学完人数：点了“我学完了”的家长人数；家庭数：其中的家庭数（只有数字，不含姓名）。
            </Text>
            {items.length === 0 ? <Text className='lesson-manage__empty'>本单位还没有课程，点“新建课程”。</Text> : null}
            {items.map((row) => (
              <View key={row.lessonId} className='manage-card lesson-manage__row' data-lesson-id={row.lessonId}>
                <Text className='manage-card__heading'>{row.title}</Text>
                <Text className='manage-card__line'>
                  {row.topicLabel} · {row.published ? '已发布' : '草稿（家长看不到）'}
                </Text>
                <Text className='manage-card__line'>
                  学完 {row.completedCount} 人 · {row.familyCount} 户家庭
                </Text>
                <View className='manage-card__actions'>
                  <Button
                    size='small'
                    fill='outline'
                    loading={busyKey === `edit:${row.lessonId}`}
                    onClick={() => void edit(row)}
                  >
                    编辑
                  </Button>
                  <Button
                    size='small'
                    type={row.published ? 'default' : 'primary'}
                    fill={row.published ? 'outline' : 'solid'}
                    loading={busyKey === `pub:${row.lessonId}`}
                    onClick={() => void setPublished(row, !row.published)}
                  >
                    {row.published ? '撤回发布' : '发布'}
                  </Button>
                  {grant.orgUnitKind === 'SCHOOL' ? (
                    <Button
                      size='small'
                      fill='outline'
                      loading={busyKey === `class:${row.lessonId}`}
                      onClick={() => void showClasses(row)}
                    >
                      {byClass?.lessonId === row.lessonId ? '收起各班情况' : '按班级查看'}
                    </Button>
                  ) : null}
                </View>
                {byClass?.lessonId === row.lessonId ? <ClassCompletions stats={byClass.stats} /> : null}
              </View>
            ))}
          </View>
        )}
      </RemoteState>
    </View>
  );
}

/** 课程管理: my unit's lessons (or, holding several, the unit I pick). */
export function LessonManage() {
  return (
    <MyUnitView
      unitsOf={lessonEditorGrants}
      emptyText='你的角色无权管理课程。'
      keyOf={(g) => `${g.role}:${g.orgUnitId}`}
      labelOf={(g) => `${g.orgUnitName}（${ROLE_LABELS[g.role as Role] ?? g.role}）`}
      className='lesson-manage'
    >
      {(grant) => <UnitLessons grant={grant} />}
    </MyUnitView>
  );
}
