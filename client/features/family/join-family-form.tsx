import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { GuardianRelation } from '@shared/enums';
import type { GradeCode } from '@shared/grades';
import { joinFamilyInput } from '@shared/schemas';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { useAction } from '../../lib/use-action';
import { forgetUser } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import { trpc } from '../../lib/trpc';
import { validate } from '../../lib/validate';
import { GRADE_GROUPS, RELATION_CHOICES } from './family-choices';
import './family.scss';

/**
 * Join a family with an invite code: the school's code (e.g. from the 家长学校 notice) creates the family,
 * a family's own code lets a second guardian join it.
 */
export function JoinFamilyForm({ initialInviteCode = '' }: { initialInviteCode?: string }) {
  const [inviteCode, setInviteCode] = useState(initialInviteCode);
  const [relation, setRelation] = useState<GuardianRelation | null>(null);
  const [childName, setChildName] = useState('');
  const [grade, setGrade] = useState<GradeCode | null>(null);
  const { busy, error, setError, run } = useAction();

  const submit = async () => {
    if (busy) return;
    const checked = validate(joinFamilyInput, {
      inviteCode,
      relation: relation ?? undefined,
      child: { name: childName, grade: grade ?? undefined },
    });
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    await run(async () => {
      await trpc.families.join.mutate(checked.data);
      forgetUser();
      await Taro.redirectTo({ url: ROUTES.myFamily });
    });
  };

  return (
    <View className='family-card'>
      <Text className='family-card__lead'>
        请填写学校或家长学校提供的邀请码。加入后即可参加家长学校、预约家访，获得家庭心理健康教育指导服务。
      </Text>
      <FormField label='邀请码'>
        <Input name='inviteCode' placeholder='请输入邀请码' value={inviteCode} onChange={setInviteCode} maxLength={32} clearable />
      </FormField>
      <FormField label='你与孩子的关系'>
        <ChoiceChips options={RELATION_CHOICES} value={relation} onChange={setRelation} />
      </FormField>
      <FormField label='孩子姓名'>
        <Input name='childName' placeholder='请输入孩子姓名' value={childName} onChange={setChildName} maxLength={32} clearable />
      </FormField>
      <FormField label='年级'>
        {GRADE_GROUPS.map((group) => (
          <View key={group.stage} className='grade-group'>
            <Text className='grade-group__label'>{group.label}</Text>
            <ChoiceChips options={group.choices} value={grade} onChange={setGrade} />
          </View>
        ))}
      </FormField>
      <FormError message={error} />
      <Button type='primary' block loading={busy} onClick={submit}>
        提交
      </Button>
    </View>
  );
}
