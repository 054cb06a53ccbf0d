// A desk page about one unit of a kind (a county, a school): the caller's own when their grant is one, or the
// one they pick below their grant by walking down the tree.
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { OrgUnitKind } from '@shared/enums';
import { Button } from '../../components/nutui';
import { OrgUnitPicker, type PickedUnit } from '../../components/org-unit-picker';
import type { Grant } from './admin-grants';

export function UnitOfGrant({
  grant,
  pickKind,
  heading,
  hideKinds,
  children,
}: {
  grant: Grant;
  pickKind: OrgUnitKind;
  heading: string;
  hideKinds?: OrgUnitKind[];
  children: (unit: PickedUnit) => ReactNode;
}) {
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  if (grant.orgUnitKind === pickKind) return <>{children({ id: grant.orgUnitId, name: grant.orgUnitName })}</>;
  return (
    <View className='desk-stack'>
      {unit ? (
        <View className='desk-card desk-card--row'>
          <Text className='desk-card__line'>{`当前：${unit.name}`}</Text>
          <Button size='small' fill='outline' onClick={() => setUnit(null)}>
            更换
          </Button>
        </View>
      ) : (
        <OrgUnitPicker
          rootId={grant.orgUnitId}
          rootName={grant.orgUnitName}
          heading={heading}
          pickKind={pickKind}
          hideKinds={hideKinds}
          onPick={setUnit}
        />
      )}
      {/* Keyed by the unit: its tables and half-done imports belong to it. */}
      {unit ? <View key={unit.id}>{children(unit)}</View> : null}
    </View>
  );
}
