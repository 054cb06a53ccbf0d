import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDay } from '@shared/china-time';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { useAction } from '../../lib/use-action';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { VISIT_ROUTES } from './routes';
import { dayText } from './visit-text';
import './visits.scss';

/** 我的跟进事项: follow-ups from visit records until they are done. */
export function FollowUpList() {
  const { state, reload } = useRemote(remoteKeys.visits.followUps, () => trpc.visits.followUps.query());
  const { busyKey: busy, error, run } = useAction();
  const complete = (id: string) =>
    run(async () => {
      await trpc.visits.completeFollowUp.mutate({ followUpId: id });
      void Taro.showToast({ title: '已完成', icon: 'success' });
      reload();
    }, id);
  const today = chinaDay(new Date());
  return (
    <View className='visit-card follow-ups'>
      <Text className='visit-card__heading'>我的跟进事项</Text>
      <FormError message={error} />
      <RemoteState state={state} reload={reload}>
        {(items) => (
          <View>
            {items.length === 0 ? <Text className='visits__hint'>没有待完成的跟进事项。</Text> : null}
            {items.map((f) => (
              <View key={f.id} className='visit-follow-up' data-follow-up-id={f.id}>
                <Text className='visit-card__text'>{f.action}</Text>
                <Text className='visit-card__line'>
                  完成期限：{dayText(f.dueOn)}
                  {f.dueOn < today ? <Text className='visit-badge visit-badge--warn'>已逾期</Text> : null}
                </Text>
                <View className='visit-card__actions'>
                  <Button size='small' type='primary' loading={busy === f.id} onClick={() => complete(f.id)}>
                    完成
                  </Button>
                  <Button
                    size='small'
                    fill='outline'
                    onClick={() => Taro.navigateTo({ url: VISIT_ROUTES.record(f.visitId) })}
                  >
                    查看家访记录
                  </Button>
                </View>
              </View>
            ))}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
