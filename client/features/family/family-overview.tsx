import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ErrorState, LoadingState } from '../../components/loading-state';
import { Button, Cell, CellGroup } from '../../components/nutui';
import { errorCode, errorMessage, redirectIfUnauthorized } from '../../lib/api-error';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import './family.scss';

type Family = RouterOutputs['families']['mine'];
type State = { kind: 'loading' } | { kind: 'none' } | { kind: 'error'; message: string } | { kind: 'ready'; family: Family };

/** 我的家庭: the children, the guardians and the family's own invite code for a second guardian. */
export function FamilyOverview() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(() => {
    trpc.families.mine.query().then(
      (family) => setState({ kind: 'ready', family }),
      (e: unknown) => {
        if (redirectIfUnauthorized(e)) return;
        if (errorCode(e) === 'NOT_FOUND') setState({ kind: 'none' });
        else setState({ kind: 'error', message: errorMessage(e) });
      },
    );
  }, []);

  useDidShow(load);

  if (state.kind === 'loading') return <LoadingState />;
  if (state.kind === 'error') {
    return (
      <ErrorState
        message={state.message}
        action={
          <Button type='primary' onClick={load}>
            重试
          </Button>
        }
      />
    );
  }
  if (state.kind === 'none') {
    return (
      <ErrorState
        message='你还没有加入家庭。'
        action={
          <Button type='primary' onClick={() => Taro.redirectTo({ url: ROUTES.joinFamily })}>
            加入家庭
          </Button>
        }
      />
    );
  }

  const { family } = state;
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
