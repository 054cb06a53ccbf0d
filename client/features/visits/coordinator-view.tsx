import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MyUnitView } from '../../components/my-unit-view';
import { Button } from '../../components/nutui';
import { OrgUnitPicker, type PickedUnit } from '../../components/org-unit-picker';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { SchoolVisits } from './school-visits';
import { visitCoordinatorGrants } from './visit-grants';
import './visits.scss';

/** A coordinator's school, or the school an admin above school level picks. */
function GrantPanel({ orgUnitId, orgUnitName }: { orgUnitId: string; orgUnitName: string }) {
  // A unit without children is a school (or a site, where createWindow explains itself).
  const { state, reload } = useRemote(remoteKeys.orgUnitChildren(orgUnitId), () =>
    trpc.orgUnits.children.query({ parentId: orgUnitId }),
  );
  const [school, setSchool] = useState<PickedUnit | null>(null);
  return (
    <RemoteState state={state} reload={reload}>
      {(children) => {
        if (children.length === 0) return <SchoolVisits orgUnitId={orgUnitId} />;
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
              <OrgUnitPicker
                rootId={orgUnitId}
                rootName={orgUnitName}
                heading='选择学校'
                pickKind='SCHOOL'
                hideKinds={['COMMUNITY_SITE']}
                onPick={setSchool}
              />
            )}
            {/* Keyed by the school: its picked window and half-filled forms belong to that school. */}
            {school ? <SchoolVisits key={school.id} orgUnitId={school.id} /> : null}
          </View>
        );
      }}
    </RemoteState>
  );
}

/** 家访安排与进度 for coordinators and admins. */
export function CoordinatorView() {
  return (
    <MyUnitView
      unitsOf={visitCoordinatorGrants}
      emptyText='只有家长学校负责人或管理员可以安排家访。'
      className='visits'
    >
      {(grant) => <GrantPanel orgUnitId={grant.orgUnitId} orgUnitName={grant.orgUnitName} />}
    </MyUnitView>
  );
}
