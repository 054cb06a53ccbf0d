import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { z } from 'zod';
import type { GuardianRelation } from '@shared/enums';
import type { GradeCode } from '@shared/grades';
import { joinFamilyInput } from '@shared/schemas';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { forgetUser } from '../../lib/auth-store';
import { parsedBy } from '../../lib/form-fields';
import { ROUTES } from '../../lib/routes';
import { trpc } from '../../lib/trpc';
import { useSchemaForm } from '../../lib/use-schema-form';
import { GRADE_GROUPS, RELATION_CHOICES } from './family-choices';
import './family.scss';

/**
 * Join a family with an invite code: the school's code (e.g. from the 家长学校 notice) creates the family,
 * a family's own code lets a second guardian join it.
 */
/** The fields → families.join's input (the shared schema says what is missing, in its order). */
const joinForm = z
  .object({
    inviteCode: z.string(),
    relation: z.custom<GuardianRelation>().nullable(),
    childName: z.string(),
    grade: z.custom<GradeCode>().nullable(),
  })
  .transform((f, ctx) =>
    parsedBy(
      joinFamilyInput,
      {
        inviteCode: f.inviteCode,
        relation: f.relation ?? undefined,
        child: { name: f.childName, grade: f.grade ?? undefined },
      },
      ctx,
    ),
  );

export function JoinFamilyForm({ initialInviteCode = '' }: { initialInviteCode?: string }) {
  const form = useSchemaForm(joinForm, { inviteCode: initialInviteCode, relation: null, childName: '', grade: null });
  const { values, set, busy, error } = form;

  const submit = () =>
    form.submit(async (input) => {
      await trpc.families.join.mutate(input);
      forgetUser();
      await Taro.redirectTo({ url: ROUTES.myFamily });
    });

  return (
    <View className='family-card'>
      <Text className='family-card__lead'>
        请填写学校或家长学校提供的邀请码。加入后即可参加家长学校、预约家访，获得家庭心理健康教育指导服务。
      </Text>
      <FormField label='邀请码'>
        <Input
          name='inviteCode'
          placeholder='请输入邀请码'
          value={values.inviteCode}
          onChange={set('inviteCode')}
          maxLength={32}
          clearable
        />
      </FormField>
      <FormField label='你与孩子的关系'>
        <ChoiceChips options={RELATION_CHOICES} value={values.relation} onChange={set('relation')} />
      </FormField>
      <FormField label='孩子姓名'>
        <Input
          name='childName'
          placeholder='请输入孩子姓名'
          value={values.childName}
          onChange={set('childName')}
          maxLength={32}
          clearable
        />
      </FormField>
      <FormField label='年级'>
        {GRADE_GROUPS.map((group) => (
          <View key={group.stage} className='grade-group'>
            <Text className='grade-group__label'>{group.label}</Text>
            <ChoiceChips options={group.choices} value={values.grade} onChange={set('grade')} />
          </View>
        ))}
      </FormField>
      <FormError message={error} />
      <Button type='primary' block loading={busy} onClick={() => void submit()}>
        提交
      </Button>
    </View>
  );
}
