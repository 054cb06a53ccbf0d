import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { z } from 'zod';
import { GRADES } from '@shared/grades';
import { classTeacherInput } from '@shared/visits';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { chosen, parsedBy } from '../../lib/form-fields';
import { trpc } from '../../lib/trpc';
import { useSchemaForm } from '../../lib/use-schema-form';
import { StaffPicker } from './staff-picker';
import './visits.scss';
import { VisitNotice } from './visit-notice';

const GRADE_CHOICES = GRADES.map((g) => ({ value: g.code as string, label: g.label as string }));

/** The fields → visits.setClassTeacher's input, and the teacher's name for the confirmation. */
const classTeacherForm = (orgUnitId: string) =>
  z
    .object({
      grade: chosen(z.string(), '请选择年级'),
      teacher: chosen(z.object({ id: z.string(), name: z.string() }), '请选择家访教师'),
      className: z.string(),
    })
    .transform((f, ctx) => ({
      input: parsedBy(
        classTeacherInput,
        { orgUnitId, grade: f.grade, className: f.className, teacherId: f.teacher.id },
        ctx,
      ),
      teacherName: f.teacher.name,
    }));

/** 设置班主任: who visits a class by default (applies to windows opened afterwards). */
export function ClassTeacherForm({ orgUnitId }: { orgUnitId: string }) {
  const form = useSchemaForm(classTeacherForm(orgUnitId), { grade: null, teacher: null, className: '' });
  const { values, set, busy, error } = form;
  const [done, setDone] = useState<string | null>(null);

  const submit = () => {
    setDone(null);
    return form.submit(async ({ input, teacherName }) => {
      await trpc.visits.setClassTeacher.mutate(input);
      setDone(`已设置 ${input.className} 的家访教师为 ${teacherName}`);
    });
  };

  return (
    <View className='visit-card class-teacher-form'>
      <Text className='visit-card__heading'>设置班主任（家访教师）</Text>
      <FormField label='年级'>
        <ChoiceChips options={GRADE_CHOICES} value={values.grade} onChange={set('grade')} />
      </FormField>
      <FormField label='班级'>
        <Input
          name='className'
          placeholder='班级名称（如 三年级（1）班）'
          value={values.className}
          onChange={set('className')}
          maxLength={32}
          clearable
        />
      </FormField>
      <FormField label='教师'>
        <StaffPicker
          orgUnitId={orgUnitId}
          value={values.teacher?.id ?? null}
          onChange={(id, name) => set('teacher')({ id, name })}
        />
      </FormField>
      <Text className='visits__hint'>此后开设的家访按班主任分配家庭。</Text>
      <FormError message={error} />
      <VisitNotice message={done} />
      <View className='visit-card__actions'>
        <Button type='primary' block loading={busy} onClick={() => void submit()}>
          设置家访教师
        </Button>
      </View>
    </View>
  );
}
