// 隐私政策 in 我的家庭: whether the parent agrees to the notice in force, and what withdrawing does. Without
// it the server registers, books, submits and joins nothing for them (the privacy:basic rule in
// server/trpc/procedures.ts); they can agree again here, or delete their account below.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../components/nutui';
import { trpc } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useAction } from '../../lib/use-action';
import { formatDateTime } from '../../lib/china-time';
import { loadPrivacyNotice, PRIVACY_SCOPE } from '../privacy/privacy-consent';

async function loadPrivacyConsent() {
  const mine = await trpc.consents.mine.query();
  return mine.find((c) => c.scope === PRIVACY_SCOPE && c.current) ?? null;
}

export function PrivacyConsentCard() {
  const { state } = useRemote(remoteKeys.privacyConsent, loadPrivacyConsent);
  const action = useAction({ toast: true });
  const consent = state.kind === 'ready' ? state.data : undefined;

  const agree = async () => {
    const notice = await loadPrivacyNotice();
    if (!notice.textVersion) {
      void Taro.showToast({ title: '暂时无法读取隐私政策，请稍后再试', icon: 'none' });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: notice.title,
      content: notice.text,
      confirmText: '同意',
      cancelText: '不同意',
    });
    if (!confirm) return;
    const textVersion = notice.textVersion;
    await action.run(async () => {
      await trpc.consents.grant.mutate({ scope: PRIVACY_SCOPE, textVersion });
      invalidate(remoteKeys.privacyConsent);
    }, 'privacy');
  };

  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回隐私政策同意',
      content:
        '撤回后，心桥不再登记或处理您的信息：不能报名、签到、预约家访、填写清单或加入家庭，也不再给您发送提醒。已有的记录仍然保存，您可以随时重新同意，或注销账号删除全部个人信息。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '取消',
    });
    if (!confirm) return;
    await action.run(async () => {
      await trpc.consents.withdraw.mutate({ scope: PRIVACY_SCOPE });
      invalidate(remoteKeys.privacyConsent);
    }, 'privacy');
  };

  if (consent === undefined) return null;
  return (
    <View className='family-card invite-card privacy-consent-card'>
      <Text className='invite-card__title'>隐私政策</Text>
      {consent ? (
        <>
          <Text className='invite-card__hint'>{`您已于 ${formatDateTime(consent.grantedAt)} 同意《隐私政策与用户协议》。`}</Text>
          <Button fill='outline' loading={action.busyKey === 'privacy'} onClick={() => void withdraw()}>
            撤回同意
          </Button>
        </>
      ) : (
        <>
          <Text className='invite-card__hint'>
            您还没有同意（或已撤回）《隐私政策与用户协议》，心桥现在不会登记或处理您的信息。您可以重新同意，或在下面注销账号、删除个人信息。
          </Text>
          <Button type='primary' loading={action.busyKey === 'privacy'} onClick={() => void agree()}>
            阅读并同意
          </Button>
        </>
      )}
    </View>
  );
}
