import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ErrorState } from '../../components/loading-state';
import { Button, Cell, CellGroup } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { errorCode } from '../../lib/api-error';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { useAction } from '../../lib/use-action';
import { formatDateTime } from '../../lib/china-time';
import { invalidate } from '../../lib/use-remote';
import { clearToken } from '../../lib/token-storage';
import { forgetUser } from '../../lib/auth-store';
import { PrivacyConsentCard } from './privacy-consent-card';
import { ChildForm, type ChildFormMode } from './child-form';
import { ContactMobileCard } from '../contacts/contact-mobile';
import './family.scss';

type Guardian = RouterOutputs['families']['mine']['guardians'][number];
type Child = RouterOutputs['families']['mine']['children'][number];

/** Under a child's name: school, class, whether it is the school's record, and a correction under way. */
function childLine(child: Child): string {
  return [
    child.schoolName,
    child.className ?? (child.rostered ? null : '未选择班级'),
    child.rostered ? (child.leftSchool ? '学校名册（已离校）' : '学校名册') : null,
    child.correction ? `${child.correction.statusLabel}（${child.correction.asked}）` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Who may answer the children's checklists, in plain words. */
function carerText(g: Guardian): string {
  if (g.legalGuardian) return '监护人';
  return g.mayConsentForChildren ? '照护人 · 已授权填写心理预警清单' : '照护人';
}

/** The caller's family, or null when they have not joined one yet. */
function loadFamily() {
  return trpc.families.mine.query().catch((e: unknown) => {
    if (errorCode(e) === 'NOT_FOUND') return null;
    throw e;
  });
}

/** 我的家庭: the children, the guardians, and a one-time invitation for a second guardian. */
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
  const action = useAction({ toast: true });
  const [editing, setEditing] = useState<ChildFormMode | null>(null);
  const removeChild = async (child: { id: string; name: string }) => {
    const { confirm } = await Taro.showModal({
      title: `移除${child.name}`,
      content: '孩子的姓名、班级和关于这个孩子的清单回答都会删除，无法恢复。已经计入的参加次数不变。确定移除吗？',
      confirmText: '移除',
      cancelText: '取消',
    });
    if (!confirm) return;
    await action.run(async () => {
      await trpc.families.removeChild.mutate({ childId: child.id });
      invalidate(remoteKeys.family);
    }, child.id);
  };
  const me = family.guardians.find((g) => g.isMe);
  const iAmLegalGuardian = me?.legalGuardian === true;
  const setAuthorised = async (guardian: Guardian, authorise: boolean) => {
    const { confirm } = await Taro.showModal({
      title: authorise ? `授权${guardian.displayName}` : `取消对${guardian.displayName}的授权`,
      content: authorise
        ? '授权后，这位家人可以代您为孩子填写心理预警清单，并作出敏感个人信息的单独同意。您可以随时取消。'
        : '取消后，这位家人不能再为孩子填写心理预警清单，已作出的同意随之失效。',
      confirmText: authorise ? '授权' : '取消授权',
      cancelText: '返回',
    });
    if (!confirm) return;
    await action.run(async () => {
      const input = { guardianId: guardian.id };
      await (authorise ? trpc.families.authorizeCarer.mutate(input) : trpc.families.revokeCarer.mutate(input));
      invalidate(remoteKeys.family);
    }, guardian.id);
  };
  const alone = family.guardians.length <= 1;
  const leave = async () => {
    const { confirm } = await Taro.showModal({
      title: '离开这个家庭',
      content:
        '离开后，您不再是这个家庭的监护人，看不到孩子的信息，也不能为家里报名或预约；您填写的清单作答会删除。孩子和家里的其他记录留给其他监护人。确定离开吗？',
      confirmText: '离开',
      cancelText: '取消',
    });
    if (!confirm) return;
    await action.run(async () => {
      await trpc.families.leave.mutate();
      forgetUser();
      invalidate(remoteKeys.family);
      await Taro.reLaunch({ url: ROUTES.home });
    }, 'leave');
  };
  const deleteAccount = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销我的账号',
      content: alone
        ? '注销后，您的微信身份、姓名、您填写的清单回答和登录记录都会删除，无法恢复。您是家里唯一的监护人：您登记的孩子、家庭的报名和家访记录也会一并删除（学校名册上的孩子仍留在学校的名册中）。确定注销吗？'
        : '注销后，您的微信身份、姓名、您填写的清单回答和登录记录都会删除，无法恢复；孩子和家里的记录留给家里其他监护人。确定注销吗？',
      confirmText: '注销',
      cancelText: '取消',
    });
    if (!confirm) return;
    await action.run(async () => {
      await trpc.auth.deleteAccount.mutate();
      clearToken();
      forgetUser();
      await Taro.reLaunch({ url: ROUTES.login });
    }, 'account');
  };
  return (
    <View className='family-overview'>
      {family.orgUnitName ? <Text className='family-overview__school'>{family.orgUnitName}</Text> : null}
      <CellGroup title='孩子'>
        {family.children.map((child) => (
          <Cell
            key={child.id}
            className='family-child'
            data-child-id={child.id}
            title={child.name}
            description={childLine(child)}
            extra={
              <View className='family-child__extra'>
                <Text>{child.gradeLabel}</Text>
                {child.rostered ? (
                  <Button size='small' fill='outline' onClick={() => setEditing({ kind: 'correct', child })}>
                    申请更正
                  </Button>
                ) : (
                  <>
                    <Button size='small' fill='outline' onClick={() => setEditing({ kind: 'edit', child })}>
                      修改
                    </Button>
                    <Button
                      size='small'
                      fill='outline'
                      loading={action.busyKey === child.id}
                      onClick={() => void removeChild(child)}
                    >
                      移除
                    </Button>
                  </>
                )}
              </View>
            }
          />
        ))}
      </CellGroup>
      {!editing
        ? family.children
            .filter((c) => !c.rostered && !c.className)
            .map((child) => (
              <View key={`class-${child.id}`} className='family-card family-class-prompt' data-child-id={child.id}>
                <Text className='family-class-prompt__text'>
                  {`请选择${child.name}所在的班级：选好后班主任才能看到您的家庭，为您安排家访。`}
                </Text>
                <Button type='primary' block onClick={() => setEditing({ kind: 'edit', child })}>
                  {`为${child.name}选择班级`}
                </Button>
              </View>
            ))
        : null}
      {family.children.some((c) => c.rostered) ? (
        <Text className='invite-card__hint family-overview__note'>
          标有“学校名册”的孩子，姓名、年级和班级以学校的记录为准；如有错误，请点“申请更正”，学校核对后会改正。
        </Text>
      ) : null}
      {editing ? (
        <ChildForm
          key={editing.kind === 'add' ? 'add' : `${editing.kind}:${editing.child.id}`}
          mode={editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <Button className='family-overview__add' fill='outline' block onClick={() => setEditing({ kind: 'add' })}>
          ＋ 添加孩子
        </Button>
      )}
      <CellGroup title='家庭成员'>
        {family.guardians.map((guardian) => (
          <Cell
            key={guardian.id}
            className='family-guardian'
            title={`${guardian.displayName}${guardian.isMe ? '（我）' : ''}`}
            description={carerText(guardian)}
            extra={
              <View className='family-child__extra'>
                <Text>{guardian.relationLabel}</Text>
                {iAmLegalGuardian && !guardian.legalGuardian ? (
                  <Button
                    size='small'
                    fill='outline'
                    loading={action.busyKey === guardian.id}
                    onClick={() => void setAuthorised(guardian, !guardian.mayConsentForChildren)}
                  >
                    {guardian.mayConsentForChildren ? '取消授权' : '授权填写清单'}
                  </Button>
                ) : null}
              </View>
            }
          />
        ))}
      </CellGroup>
      {me && !me.mayConsentForChildren ? (
        <Text className='invite-card__hint family-overview__carer-note'>
          您可以报名活动、签到、预约家访、学习课程。为孩子填写心理预警清单，需要孩子的父母在“我的家庭”中授权您，
          或请学校的家长学校负责老师确认您的监护人身份。
        </Text>
      ) : null}
      <ContactMobileCard current={family.myMobileMasked} />
      <GuardianInvite />
      <PrivacyConsentCard />
      <View className='family-card account-card'>
        {alone ? null : (
          <>
            <Text className='invite-card__hint'>
              不再照看这个家庭的孩子时，可以离开这个家庭；家里的其他监护人和孩子的记录不受影响。
            </Text>
            <Button fill='outline' loading={action.busyKey === 'leave'} onClick={() => void leave()}>
              离开这个家庭
            </Button>
          </>
        )}
        <Text className='invite-card__hint'>不再使用心桥时，可以注销账号并删除您的个人信息。</Text>
        <Button fill='outline' loading={action.busyKey === 'account'} onClick={() => void deleteAccount()}>
          注销我的账号
        </Button>
      </View>
    </View>
  );
}

/**
 * A code for the other parent or a grandparent: it works once, for 72 hours, and the family is told
 * when someone joins with it. A new code is made each time (an old unused one keeps working until it expires).
 */
function GuardianInvite() {
  const [invite, setInvite] = useState<RouterOutputs['families']['inviteGuardian'] | null>(null);
  const action = useAction();
  const issue = () =>
    action.run(async () => {
      setInvite(await trpc.families.inviteGuardian.mutate());
    });
  return (
    <View className='family-card invite-card'>
      <Text className='invite-card__title'>邀请家人加入</Text>
      {invite ? (
        <>
          <Text className='invite-card__code' userSelect>
            {invite.code.replace(/(.{4})(?=.)/g, '$1 ')}
          </Text>
          <Text className='invite-card__hint'>
            请把这个邀请码发给另一位监护人（如孩子的父亲、母亲或祖父母）。只能用一次，{formatDateTime(invite.expiresAt)}
            前有效；有人加入时，家里的其他监护人会收到通知。
          </Text>
        </>
      ) : (
        <Text className='invite-card__hint'>另一位监护人需要一次性邀请码才能加入本家庭。</Text>
      )}
      {action.error ? <Text className='invite-card__error'>{action.error}</Text> : null}
      <Button type='primary' loading={action.busy} onClick={issue}>
        {invite ? '再生成一个邀请码' : '生成邀请码'}
      </Button>
    </View>
  );
}
