// A desk page about one school: a coordinator's own school, or the school an admin above it picks.
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/nutui';
import { OrgUnitPicker, type PickedUnit } from '../../components/org-unit-picker';
import type { Grant } from './admin-grants';

export function SchoolOfGrant({ grant, children }: { grant: Grant; children: (school: PickedUnit) => ReactNode }) {
  const [school, setSchool] = useState<PickedUnit | null>(null);
  if (grant.orgUnitKind === 'SCHOOL') return <>{children({ id: grant.orgUnitId, name: grant.orgUnitName })}</>;
  return (
    <View className='desk-stack'>
      {school ? (
        <View className='desk-card desk-card--row'>
          <Text className='desk-card__line'>{`当前学校：${school.name}`}</Text>
          <Button size='small' fill='outline' onClick={() => setSchool(null)}>
            更换学校
          </Button>
        </View>
      ) : (
        <OrgUnitPicker
          rootId={grant.orgUnitId}
          rootName={grant.orgUnitName}
          heading='选择学校'
          pickKind='SCHOOL'
          hideKinds={['COMMUNITY_SITE']}
          onPick={setSchool}
        />
      )}
      {/* Keyed by the school: its classes and half-done imports belong to it. */}
      {school ? <View key={school.id}>{children(school)}</View> : null}
    </View>
  );
}
