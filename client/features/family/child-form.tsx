// A child's name, grade and class: adding a child, correcting one the family named, or asking the school to
// correct one on its roster. The class is picked from the school's class list (families.classOptions), never
// typed, when the school has one.
import { Text, View } from '@tarojs/components';
import { z } from 'zod';
import type { GradeCode } from '@shared/grades';
import { addChildInput, requestChildCorrectionInput, updateChildInput } from '@shared/families';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { GRADE_GROUPS } from './family-choices';

type Child = RouterOutputs['families']['mine']['children'][number];
type ClassOptions = RouterOutputs['families']['classOptions'];

/** What the form is for: a new child, a child the family named, a rostered child (a request to the school). */
export type ChildFormMode = { kind: 'add' } | { kind: 'edit'; child: Child } | { kind: 'correct'; child: Child };

/** The chip for "no class": the grandmother may not know it, or the school's list may not have it yet. */
const NO_CLASS = '';

interface Fields {
  name: string;
  grade: GradeCode | null;
  className: string;
  note: string;
}

const fields = z.object({
  name: z.string(),
  grade: z.custom<GradeCode>().nullable(),
  className: z.string(),
  note: z.string(),
});

const forMode = (mode: ChildFormMode) => {
  const common = (f: Fields) => ({ name: f.name, grade: f.grade ?? undefined, className: f.className || null });
  if (mode.kind === 'add') return fields.transform((f, ctx) => parsedBy(addChildInput, common(f), ctx));
  if (mode.kind === 'edit')
    return fields.transform((f, ctx) => parsedBy(updateChildInput, { ...common(f), childId: mode.child.id }, ctx));
  return fields.transform((f, ctx) =>
    parsedBy(requestChildCorrectionInput, { ...common(f), childId: mode.child.id, note: f.note }, ctx),
  );
};

const TEXT: Record<ChildFormMode['kind'], { title: string; lead: string; submit: string }> = {
  add: {
    title: '添加孩子',
    lead: '家里还有孩子在上学？填写姓名，选择年级和班级即可。孩子在学校的班级名册上时，会自动归入学校名册上的家庭。',
    submit: '添加',
  },
  edit: {
    title: '修改孩子信息',
    lead: '改正您登记的姓名、年级或班级。',
    submit: '保存修改',
  },
  correct: {
    title: '申请更正',
    lead: '这个孩子在学校的班级名册上，姓名、年级和班级以学校的记录为准，不能在这里直接修改。请填写正确的信息，学校的家长学校负责老师核对后会在名册中改正；改正之前，这里仍显示学校的记录。',
    submit: '提交更正申请',
  },
};

function ClassPicker({
  options,
  grade,
  value,
  onChange,
}: {
  options: ClassOptions;
  grade: GradeCode | null;
  value: string;
  onChange: (value: string) => void;
}) {
  if (options.classes.length === 0)
    return (
      <>
        <Text className='child-form__hint'>学校还没有提供班级列表，可以填写班级，也可以不填。</Text>
        <Input
          name='className'
          placeholder='班级（如 2班，可不填）'
          value={value}
          onChange={onChange}
          maxLength={32}
          clearable
        />
      </>
    );
  if (!grade) return <Text className='child-form__hint'>请先选择年级，再选择班级。</Text>;
  const ofGrade = options.classes.filter((c) => c.grade === grade);
  return (
    <>
      {ofGrade.length === 0 ? (
        <Text className='child-form__hint'>学校的班级列表里没有这个年级的班级，可以先不选班级。</Text>
      ) : null}
      <ChoiceChips
        options={[
          ...ofGrade.map((c) => ({ value: c.className, label: c.className })),
          { value: NO_CLASS, label: '不清楚 / 暂不选择' },
        ]}
        value={value}
        onChange={onChange}
      />
    </>
  );
}

function Form({ mode, options, onDone }: { mode: ChildFormMode; options: ClassOptions; onDone: () => void }) {
  const child = mode.kind === 'add' ? null : mode.child;
  const form = useSchemaForm(forMode(mode), {
    name: child?.name ?? '',
    grade: (child?.grade as GradeCode | undefined) ?? null,
    className: child?.className ?? NO_CLASS,
    note: '',
  });
  const { values, set, setValues, busy, error } = form;
  const text = TEXT[mode.kind];
  const pickGrade = (grade: GradeCode) =>
    setValues((v) => ({
      ...v,
      grade,
      // A class of another grade does not go along.
      className:
        options.classes.length > 0 && !options.classes.some((c) => c.grade === grade && c.className === v.className)
          ? NO_CLASS
          : v.className,
    }));

  const submit = () =>
    form.submit(async (input) => {
      if (mode.kind === 'add') await trpc.families.addChild.mutate(input as z.output<typeof addChildInput>);
      else if (mode.kind === 'edit') await trpc.families.updateChild.mutate(input as z.output<typeof updateChildInput>);
      else await trpc.families.requestChildCorrection.mutate(input as z.output<typeof requestChildCorrectionInput>);
      invalidate(remoteKeys.family);
      onDone();
    });

  return (
    <View className={`family-card child-form child-form--${mode.kind}`}>
      <Text className='child-form__title'>{text.title}</Text>
      <Text className='family-card__lead'>{text.lead}</Text>
      <FormField label='孩子姓名'>
        <Input
          name='childName'
          placeholder='请输入孩子姓名'
          value={values.name}
          onChange={set('name')}
          maxLength={32}
          clearable
        />
      </FormField>
      <FormField label='年级'>
        {GRADE_GROUPS.map((group) => (
          <View key={group.stage} className='grade-group'>
            <Text className='grade-group__label'>{group.label}</Text>
            <ChoiceChips options={group.choices} value={values.grade} onChange={pickGrade} />
          </View>
        ))}
      </FormField>
      <FormField label={`班级（${options.schoolName}）`}>
        <ClassPicker options={options} grade={values.grade} value={values.className} onChange={set('className')} />
      </FormField>
      {mode.kind === 'correct' ? (
        <FormField label='说明（可不填）'>
          <Input
            name='note'
            placeholder='如：孩子上学期已换到二班'
            value={values.note}
            onChange={set('note')}
            maxLength={200}
            clearable
          />
        </FormField>
      ) : null}
      <FormError message={error} />
      <View className='child-form__actions'>
        <Button type='primary' block loading={busy} onClick={() => void submit()}>
          {text.submit}
        </Button>
        <Button fill='outline' block onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  );
}

/** The form, once the school's class list is here. */
export function ChildForm({ mode, onDone }: { mode: ChildFormMode; onDone: () => void }) {
  const childId = mode.kind === 'add' ? undefined : mode.child.id;
  const { state, reload } = useRemote(remoteKeys.familyClasses(childId), () =>
    trpc.families.classOptions.query(childId ? { childId } : undefined),
  );
  return (
    <RemoteState state={state} reload={reload}>
      {(options) => <Form mode={mode} options={options} onDone={onDone} />}
    </RemoteState>
  );
}
