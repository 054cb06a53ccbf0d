import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorState } from '../../components/loading-state';
import { Button, Cell, CellGroup } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { errorCode } from '../../lib/api-error';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import './family.scss';

/** The caller's family, or null when they have not joined one yet. */
function loadFamily() {
  return trpc.families.mine.query().catch((e: unknown) => {
    if (errorCode(e) === 'NOT_FOUND') return null;
    throw e;
  });
}

/** 我的家庭: the children, the guardians and the family's own invite code for a second guardian. */
export function FamilyOverview() {
  const { state, reload } = useRemote(remoteKeys.family, loadFamily);
  return (
    <RemoteState state={state} reload={reload}>
      {(family) =>
        family ? (
          <FamilyDetails family={family} />
        ) : (
          <ErrorState
            message='你还没有加入家庭。'
            action={
              <Button type='primary' onClick={() => Taro.redirectTo({ url: ROUTES.joinFamily })}>
                加入家庭
              </Button>
            }
          />
        )
      }
    </RemoteState>
  );
}

function FamilyDetails({ family }: { family: RouterOutputs['families']['mine'] }) {
  return (
    <View className='family-overview'>
      {family.orgUnitName ? <Text className='family-overview__school'>{family.orgUnitName}</Text> : null}
      <CellGroup title='孩子'>
        {family.children.map((child) => (
          <Cell
            key={child.id}
            className='family-child'
            title={child.name}
            description={[child.schoolName, child.className].filter(Boolean).join(' · ')}
            extra={child.gradeLabel}
          />
        ))}
      </CellGroup>
      <CellGroup title='监护人'>
        {family.guardians.map((guardian) => (
          <Cell
            key={guardian.id}
            className='family-guardian'
            title={`${guardian.displayName}${guardian.isMe ? '（我）' : ''}`}
            extra={guardian.relationLabel}
          />
        ))}
      </CellGroup>
      <View className='family-card invite-card'>
        <Text className='invite-card__title'>家庭邀请码</Text>
        <Text className='invite-card__code' userSelect>
          {family.inviteCode}
        </Text>
        <Text className='invite-card__hint'>另一位监护人可用此邀请码加入本家庭。</Text>
      </View>
    </View>
  );
}
